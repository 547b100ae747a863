using System.Text.Json;
using Foreman.Schema;

namespace Foreman.Tools;

/// <summary>A tool whose body is a delegate over JSON arguments.</summary>
internal sealed class DelegateTool : ForemanTool
{
    private readonly Func<ToolInvocation, CancellationToken, ValueTask<JsonElement>> _handler;

    public DelegateTool(string name, string description, JsonSchema argumentsSchema, Func<ToolInvocation, CancellationToken, ValueTask<JsonElement>> handler, ToolOptions? options)
        : base(name, description, argumentsSchema, options) =>
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    public override ValueTask<JsonElement> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        _handler(invocation, cancellationToken);
}
