using System.Text.Json;
using Foreman.Schema;
using Microsoft.Extensions.AI;

namespace Foreman.Tools;

/// <summary>A tool backed by an existing <see cref="AIFunction"/> (including functions made from C# methods).</summary>
internal sealed class AIFunctionTool : ForemanTool
{
    private readonly AIFunction _function;

    public AIFunctionTool(AIFunction function, ToolOptions? options)
        : base(function.Name, function.Description, JsonSchema.FromElement(function.JsonSchema), options) =>
        _function = function;

    public override async ValueTask<JsonElement> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = new AIFunctionArguments(StringComparer.Ordinal) { Services = invocation.Services };
        if (invocation.Arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in invocation.Arguments.EnumerateObject())
            {
                arguments[property.Name] = property.Value;
            }
        }

        arguments.Context = new Dictionary<object, object?> { [typeof(ToolInvocation)] = invocation };
        var result = await _function.InvokeAsync(arguments, cancellationToken);
        return result switch
        {
            JsonElement element => element,
            null => JsonSerializer.SerializeToElement<object?>(null, _function.JsonSerializerOptions),
            _ => JsonSerializer.SerializeToElement(result, result.GetType(), _function.JsonSerializerOptions),
        };
    }

}
