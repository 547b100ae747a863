using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Foreman.Testing;

/// <summary>
/// What a behaviour sees when the simulated model is called: the conversation, the tools on offer and a
/// random source seeded from the client's seed and the conversation, so the same conversation always gets
/// the same answer, however calls interleave. Not thread-safe; valid for one call.
/// </summary>
public sealed class SimulationTurnContext
{
    private readonly int _randomSeed;
    private Random? _random;
    private IReadOnlyList<FunctionResultContent>? _lastToolResults;

    /// <summary>Creates a context; the client does this for each call, tests of a behaviour may too.</summary>
    /// <param name="messages">The conversation so far.</param>
    /// <param name="options">The options the caller passed, with the tools on offer.</param>
    /// <param name="modelId">The model being simulated.</param>
    /// <param name="callNumber">The 1-based number of this call on the client.</param>
    /// <param name="randomSeed">The seed of <see cref="Random"/>.</param>
    public SimulationTurnContext(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string modelId, long callNumber, int randomSeed)
    {
        Messages = messages ?? throw new ArgumentNullException(nameof(messages));
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        Options = options;
        ModelId = modelId;
        CallNumber = callNumber;
        _randomSeed = randomSeed;
        Tools = options?.Tools is { Count: > 0 } tools ? [.. tools] : [];
        Turn = messages.Count(m => m.Role == ChatRole.Assistant) + 1;
    }

    /// <summary>Gets the conversation so far, oldest first.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Gets the options the caller passed, or <see langword="null"/>.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Gets the tools offered on this call (function tools carry their JSON schema).</summary>
    public IReadOnlyList<AITool> Tools { get; }

    /// <summary>Gets the id of the model being simulated.</summary>
    public string ModelId { get; }

    /// <summary>Gets the 1-based number of this call on the client, counting every call including failed ones.</summary>
    public long CallNumber { get; }

    /// <summary>Gets the 1-based turn within this conversation: the number of assistant messages so far, plus one.</summary>
    public int Turn { get; }

    /// <summary>Gets a random source seeded from the client's seed and the conversation.</summary>
    public Random Random => _random ??= new Random(_randomSeed);

    /// <summary>Gets the text of the last user message, or <see langword="null"/> when there is none.</summary>
    public string? LastUserText => Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;

    /// <summary>
    /// Gets the tool results that arrived since the model last spoke (the answers to its latest tool calls);
    /// empty when the model has not called a tool yet or the conversation ends with a user message.
    /// </summary>
    public IReadOnlyList<FunctionResultContent> LastToolResults => _lastToolResults ??= FindLastToolResults();

    /// <summary>
    /// Gets a value indicating whether the model may call tools on this turn: tools are offered and the tool mode
    /// is not <see cref="ChatToolMode.None"/> (a plausible behaviour answers in text otherwise).
    /// </summary>
    public bool ToolsAllowed => Tools.Count > 0 && Options?.ToolMode is not NoneChatToolMode;

    /// <summary>Says whether a tool of that name is offered.</summary>
    /// <param name="name">The tool name.</param>
    /// <returns><see langword="true"/> when it is offered.</returns>
    public bool HasTool(string name) => Tools.Any(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>Gets the JSON schema of an offered function tool's parameters.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="schema">The schema, when found.</param>
    /// <returns><see langword="true"/> when a function tool of that name is offered.</returns>
    public bool TryGetToolSchema(string name, out JsonElement schema)
    {
        if (Tools.OfType<AIFunctionDeclaration>().FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal)) is { } function)
        {
            schema = function.JsonSchema;
            return true;
        }

        schema = default;
        return false;
    }

    /// <summary>Finds the name of the tool a result answers, from the matching call earlier in the conversation.</summary>
    /// <param name="result">A tool result from <see cref="Messages"/>.</param>
    /// <returns>The tool name, or <see langword="null"/> when no call has that id.</returns>
    public string? GetToolName(FunctionResultContent result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Messages
            .SelectMany(m => m.Contents.OfType<FunctionCallContent>())
            .LastOrDefault(c => string.Equals(c.CallId, result.CallId, StringComparison.Ordinal))?.Name;
    }

    /// <summary>Gets the latest result of a tool, looking only at <see cref="LastToolResults"/>.</summary>
    /// <param name="toolName">The tool name.</param>
    /// <returns>The result, or <see langword="null"/> when the tool was not among the latest calls.</returns>
    public FunctionResultContent? GetLastToolResult(string toolName) =>
        LastToolResults.LastOrDefault(r => string.Equals(GetToolName(r), toolName, StringComparison.Ordinal));

    /// <summary>Renders a tool result as the text a model would read (JSON for structured results).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The text; empty for a null result.</returns>
    public static string GetResultText(FunctionResultContent result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ConversationText.ResultText(result.Result);
    }

    private List<FunctionResultContent> FindLastToolResults()
    {
        var results = new List<FunctionResultContent>();
        for (var i = Messages.Count - 1; i >= 0 && Messages[i].Role != ChatRole.Assistant; i--)
        {
            results.InsertRange(0, Messages[i].Contents.OfType<FunctionResultContent>());
        }

        return results;
    }
}
