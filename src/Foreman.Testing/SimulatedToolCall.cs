namespace Foreman.Testing;

/// <summary>One tool call the simulated model makes.</summary>
public sealed record SimulatedToolCall
{
    /// <summary>Creates the call.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="argumentsJson">The arguments as raw JSON text, passed through verbatim (it may be deliberately invalid). The default value is <c>{}</c>.</param>
    /// <param name="callId">The call id; when <see langword="null"/> the client derives a deterministic one.</param>
    public SimulatedToolCall(string name, string argumentsJson = "{}", string? callId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(argumentsJson);
        Name = name;
        ArgumentsJson = argumentsJson;
        CallId = callId;
    }

    /// <summary>Gets the tool name.</summary>
    public string Name { get; init; }

    /// <summary>Gets the arguments as raw JSON text.</summary>
    public string ArgumentsJson { get; init; }

    /// <summary>Gets the call id, or <see langword="null"/> to let the client derive one.</summary>
    public string? CallId { get; init; }
}
