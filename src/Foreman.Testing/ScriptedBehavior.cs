namespace Foreman.Testing;

/// <summary>
/// A behaviour that plays a fixed list of turns in order, one per model call, whatever the conversation
/// says. Build it fluently, usually from <see cref="Script"/>:
/// <code>Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final("""{"ok":true}""")</code>
/// Calls that fail by injected fault (429, 5xx) do not consume a turn, so a retried call gets the turn the
/// failed one would have had. Thread-safe: turns may be appended while the script is being played.
/// </summary>
public sealed class ScriptedBehavior : ISimulationBehavior
{
    private readonly Lock _lock = new();
    private readonly List<SimulatedTurn> _turns = [];
    private int _next;

    /// <summary>Creates an empty script.</summary>
    /// <param name="name">A name that error messages use to say which script ran out; <see langword="null"/> for none.</param>
    public ScriptedBehavior(string? name = null)
    {
        Name = name;
    }

    /// <summary>Gets the script's name, or <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>Gets this script; it only makes a fluent chain read as a sequence (<c>.ToolCall(…).Then.Final(…)</c>).</summary>
    public ScriptedBehavior Then => this;

    /// <summary>Gets the number of turns in the script.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _turns.Count;
            }
        }
    }

    /// <summary>Gets the number of turns not played yet.</summary>
    public int Remaining
    {
        get
        {
            lock (_lock)
            {
                return _turns.Count - _next;
            }
        }
    }

    /// <summary>Gets a value indicating whether every turn has been played.</summary>
    public bool IsExhausted => Remaining == 0;

    /// <summary>Appends a turn that calls one tool.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="argumentsJson">The arguments as raw JSON text. The default value is <c>{}</c>.</param>
    /// <param name="callId">The call id, or <see langword="null"/> for a deterministic generated one.</param>
    /// <returns>This script.</returns>
    public ScriptedBehavior ToolCall(string name, string argumentsJson = "{}", string? callId = null) =>
        Turn(SimulatedTurn.CallTool(name, argumentsJson, callId));

    /// <summary>Appends a turn that calls several tools at once.</summary>
    /// <param name="calls">The calls.</param>
    /// <returns>This script.</returns>
    public ScriptedBehavior ToolCalls(params IEnumerable<SimulatedToolCall> calls) => Turn(SimulatedTurn.CallTools(calls));

    /// <summary>Appends a final turn that answers with <paramref name="text"/>.</summary>
    /// <param name="text">The answer, often JSON.</param>
    /// <returns>This script.</returns>
    public ScriptedBehavior Final(string text) => Turn(SimulatedTurn.Final(text));

    /// <summary>Appends a turn.</summary>
    /// <param name="turn">The turn.</param>
    /// <returns>This script.</returns>
    public ScriptedBehavior Turn(SimulatedTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        lock (_lock)
        {
            _turns.Add(turn);
        }

        return this;
    }

    /// <summary>Sets the token counts the most recently appended turn reports.</summary>
    /// <param name="inputTokens">Prompt tokens, or <see langword="null"/> to estimate.</param>
    /// <param name="outputTokens">Completion tokens, or <see langword="null"/> to estimate.</param>
    /// <returns>This script.</returns>
    /// <exception cref="InvalidOperationException">The script has no turn yet.</exception>
    public ScriptedBehavior WithUsage(long? inputTokens, long? outputTokens)
    {
        lock (_lock)
        {
            if (_turns.Count == 0)
            {
                throw new InvalidOperationException("Add a turn before setting its usage.");
            }

            _turns[^1] = _turns[^1].WithUsage(inputTokens, outputTokens);
        }

        return this;
    }

    /// <summary>Starts the script again from its first turn.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _next = 0;
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Every turn has been played.</exception>
    public SimulatedTurn NextTurn(SimulationTurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_lock)
        {
            if (_next < _turns.Count)
            {
                return _turns[_next++];
            }

            var which = Name is null ? "The simulated-model script" : $"The simulated-model script '{Name}'";
            throw new InvalidOperationException(
                $"{which} is exhausted: all {_turns.Count} scripted turn(s) were played, and model '{context.ModelId}' was called again " +
                $"(call {context.CallNumber}, conversation turn {context.Turn}). Add turns to the script, or find the unexpected extra model call.");
        }
    }
}
