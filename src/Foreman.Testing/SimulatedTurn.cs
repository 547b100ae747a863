namespace Foreman.Testing;

/// <summary>
/// What the simulated model says on one call: tool calls (optionally with some text), or a final text.
/// Token counts left <see langword="null"/> are estimated from the prompt and the output. Immutable.
/// </summary>
public sealed record SimulatedTurn
{
    private SimulatedTurn(string? text, IReadOnlyList<SimulatedToolCall> toolCalls)
    {
        Text = text;
        ToolCalls = toolCalls;
    }

    /// <summary>Gets the text of the turn; the answer when the turn is final.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the tool calls of the turn; empty for a final turn.</summary>
    public IReadOnlyList<SimulatedToolCall> ToolCalls { get; init; }

    /// <summary>Gets the prompt tokens to report, or <see langword="null"/> to estimate them (about four characters a token).</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the completion tokens to report, or <see langword="null"/> to estimate them (about four characters a token).</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets a value indicating whether the turn ends the conversation (it calls no tool).</summary>
    public bool IsFinal => ToolCalls.Count == 0;

    /// <summary>Creates a final turn: the model answers with <paramref name="text"/>, often JSON.</summary>
    /// <param name="text">The answer.</param>
    /// <returns>The turn.</returns>
    public static SimulatedTurn Final(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SimulatedTurn(text, []);
    }

    /// <summary>Creates a turn that calls one tool.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="argumentsJson">The arguments as raw JSON text. The default value is <c>{}</c>.</param>
    /// <param name="callId">The call id, or <see langword="null"/> for a deterministic generated one.</param>
    /// <returns>The turn.</returns>
    public static SimulatedTurn CallTool(string name, string argumentsJson = "{}", string? callId = null) =>
        new(null, [new SimulatedToolCall(name, argumentsJson, callId)]);

    /// <summary>Creates a turn that calls several tools at once (parallel tool calls).</summary>
    /// <param name="calls">The calls, at least one.</param>
    /// <returns>The turn.</returns>
    public static SimulatedTurn CallTools(params IEnumerable<SimulatedToolCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var list = calls.ToArray();
        if (list.Length == 0 || Array.Exists(list, c => c is null))
        {
            throw new ArgumentException("A tool-call turn needs at least one call and no null calls.", nameof(calls));
        }

        return new SimulatedTurn(null, list);
    }

    /// <summary>Returns a copy that reports the given token counts instead of estimates.</summary>
    /// <param name="inputTokens">Prompt tokens, or <see langword="null"/> to estimate.</param>
    /// <param name="outputTokens">Completion tokens, or <see langword="null"/> to estimate.</param>
    /// <returns>The copy.</returns>
    public SimulatedTurn WithUsage(long? inputTokens, long? outputTokens)
    {
        if (inputTokens < 0 || outputTokens < 0)
        {
            throw new ArgumentOutOfRangeException(inputTokens < 0 ? nameof(inputTokens) : nameof(outputTokens), "Token counts cannot be negative.");
        }

        return this with { InputTokens = inputTokens, OutputTokens = outputTokens };
    }

    /// <summary>Returns a copy with <paramref name="text"/> said alongside the tool calls (or as the answer).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The copy.</returns>
    public SimulatedTurn WithText(string? text) => this with { Text = text };
}
