using System.Text.Json;
using Foreman.Tools;

namespace Foreman.Tests.Tools;

/// <summary>Counts and keeps every invocation a tool's body received: the proof that a guard did (not) let a call through.</summary>
internal sealed class InvocationLog
{
    private readonly List<ToolInvocation> _invocations = [];
    private readonly List<int> _attempts = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _invocations.Count;
            }
        }
    }

    /// <summary>Gets the attempt number of each invocation as it was when the body ran (the invocation object is reused across retries).</summary>
    public IReadOnlyList<int> Attempts
    {
        get
        {
            lock (_lock)
            {
                return [.. _attempts];
            }
        }
    }

    public IReadOnlyList<ToolInvocation> Invocations
    {
        get
        {
            lock (_lock)
            {
                return [.. _invocations];
            }
        }
    }

    /// <summary>Creates a tool over JSON whose body records the invocation, then runs <paramref name="body"/>.</summary>
    public ForemanTool Tool(string name, string schema, Func<ToolInvocation, CancellationToken, ValueTask<JsonElement>> body, ToolOptions? options = null) =>
        Foreman.Tools.Tool.Create(name, $"Test tool {name}.", schema, (invocation, cancellationToken) =>
        {
            Record(invocation);
            return body(invocation, cancellationToken);
        }, options);

    /// <summary>Creates a tool that records the invocation and returns <paramref name="result"/>.</summary>
    public ForemanTool Tool(string name, string schema, string result = """{"ok":true}""", ToolOptions? options = null)
    {
        var value = JsonElement.Parse(result);
        return Tool(name, schema, (_, _) => ValueTask.FromResult(value), options);
    }

    public void Record(ToolInvocation invocation)
    {
        lock (_lock)
        {
            _invocations.Add(invocation);
            _attempts.Add(invocation.Attempt);
        }
    }
}
