using Microsoft.Extensions.AI;

namespace Foreman.Testing;

/// <summary>One call to a <see cref="SimulatedChatClient"/>: what it said and which faults were injected.</summary>
public sealed record SimulatedCallRecord
{
    /// <summary>Gets the 1-based number of the call on its client.</summary>
    public required long CallNumber { get; init; }

    /// <summary>
    /// Gets the order in which the call started among all clients of the same <see cref="SimulatedChatClientProvider"/>;
    /// equal to <see cref="CallNumber"/> for a client created on its own.
    /// </summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the simulated model's id.</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets the 1-based turn within the conversation (assistant messages so far, plus one).</summary>
    public required int Turn { get; init; }

    /// <summary>Gets when the call started, from the client's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets how long the call waited (base latency plus any spike).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Gets a value indicating whether the call was a streaming call.</summary>
    public bool Streaming { get; init; }

    /// <summary>Gets the faults injected into the call.</summary>
    public InjectedFaults Faults { get; init; }

    /// <summary>Gets the corruption applied when <see cref="Faults"/> includes <see cref="InjectedFaults.MalformedArguments"/>.</summary>
    public ArgumentCorruptions ArgumentCorruption { get; init; }

    /// <summary>Gets the HTTP status of an injected failure, or <see langword="null"/> when the call succeeded.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets the reason the response finished, or <see langword="null"/> when the call failed.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>Gets the reported prompt tokens; zero when the call failed.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the reported completion tokens; zero when the call failed.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the tools called, as sent (so a hallucinated name appears here).</summary>
    public IReadOnlyList<SimulatedToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets the text said, as sent (so a wrong answer appears here), or <see langword="null"/>.</summary>
    public string? Text { get; init; }

    /// <summary>Gets a value indicating whether the given fault was injected.</summary>
    /// <param name="fault">The fault.</param>
    /// <returns><see langword="true"/> when it was.</returns>
    public bool Has(InjectedFaults fault) => (Faults & fault) == fault && fault != InjectedFaults.None;
}
