namespace Foreman.Testing;

/// <summary>
/// Entry points for building a <see cref="ScriptedBehavior"/>:
/// <code>
/// var model = new SimulatedChatClient(
///     Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final("""{"ok":true}"""));
/// </code>
/// </summary>
public static class Script
{
    /// <summary>Starts an empty script with a name that error messages use.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The script.</returns>
    public static ScriptedBehavior Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ScriptedBehavior(name);
    }

    /// <summary>Starts a script whose first turn calls one tool.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="argumentsJson">The arguments as raw JSON text. The default value is <c>{}</c>.</param>
    /// <param name="callId">The call id, or <see langword="null"/> for a deterministic generated one.</param>
    /// <returns>The script.</returns>
    public static ScriptedBehavior ToolCall(string name, string argumentsJson = "{}", string? callId = null) =>
        new ScriptedBehavior().ToolCall(name, argumentsJson, callId);

    /// <summary>Starts a script whose first turn calls several tools at once.</summary>
    /// <param name="calls">The calls.</param>
    /// <returns>The script.</returns>
    public static ScriptedBehavior ToolCalls(params IEnumerable<SimulatedToolCall> calls) => new ScriptedBehavior().ToolCalls(calls);

    /// <summary>Starts a script whose first turn is a final answer.</summary>
    /// <param name="text">The answer, often JSON.</param>
    /// <returns>The script.</returns>
    public static ScriptedBehavior Final(string text) => new ScriptedBehavior().Final(text);

    /// <summary>Starts a script with the given turns.</summary>
    /// <param name="turns">The turns, in order.</param>
    /// <returns>The script.</returns>
    public static ScriptedBehavior Of(params IEnumerable<SimulatedTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var script = new ScriptedBehavior();
        foreach (var turn in turns)
        {
            script.Turn(turn);
        }

        return script;
    }
}
