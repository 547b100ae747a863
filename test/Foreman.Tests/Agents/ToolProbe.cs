using System.Text.Json;
using Foreman.Tools;

namespace Foreman.Tests.Agents;

/// <summary>A tool whose body records each call's arguments; by default it answers like an order lookup.</summary>
internal sealed class ToolProbe
{
    public const string IdSchema = """
        {"type":"object","properties":{"id":{"type":"string","pattern":"^[A-Z][0-9]+$"}},"required":["id"],"additionalProperties":false}
        """;

    private readonly Lock _lock = new();
    private readonly List<JsonElement> _calls = [];

    public ToolProbe(string name, Func<ToolInvocation, CancellationToken, ValueTask<JsonElement>>? body = null, ToolOptions? options = null, string argumentsSchema = IdSchema)
    {
        body ??= static (invocation, _) => ValueTask.FromResult(OrderFor(invocation.Arguments));
        Tool = global::Foreman.Tools.Tool.Create(name, $"Test tool '{name}'.", argumentsSchema, (invocation, cancellationToken) =>
        {
            lock (_lock)
            {
                _calls.Add(invocation.Arguments.Clone());
            }

            return body(invocation, cancellationToken);
        }, options);
    }

    public ForemanTool Tool { get; }

    /// <summary>Gets the arguments of every call that reached the tool body.</summary>
    public IReadOnlyList<JsonElement> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Gets the ids the tool was called with.</summary>
    public IReadOnlyList<string?> CalledIds => [.. Calls.Select(c => c.TryGetProperty("id", out var id) ? id.GetString() : null)];

    public static ToolProbe Lookup(string name = "lookup") => new(name);

    public static ToolProbe Returning(string name, string json) => new(name, (_, _) => ValueTask.FromResult(JsonElement.Parse(json)));

    public static JsonElement OrderFor(JsonElement arguments)
    {
        var id = arguments.TryGetProperty("id", out var value) ? value.GetString() : "?";
        return JsonSerializer.SerializeToElement(new Dictionary<string, string?>(StringComparer.Ordinal) { ["id"] = id, ["status"] = "shipped" });
    }
}
