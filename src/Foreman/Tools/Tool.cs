using System.Text.Json;
using Foreman.Schema;
using Microsoft.Extensions.AI;

namespace Foreman.Tools;

/// <summary>Creates <see cref="ForemanTool"/>s from JSON handlers, typed delegates, C# methods and <see cref="AIFunction"/>s.</summary>
public static class Tool
{
    /// <summary>Creates a tool over JSON arguments and a JSON result: the lowest-overhead form.</summary>
    /// <param name="name">The name the model calls it by.</param>
    /// <param name="description">What the tool does, written for the model.</param>
    /// <param name="argumentsSchema">The JSON Schema of the arguments.</param>
    /// <param name="handler">The tool's body.</param>
    /// <param name="options">Guards; copied.</param>
    /// <returns>The tool.</returns>
    public static ForemanTool Create(
        string name,
        string description,
        string argumentsSchema,
        Func<ToolInvocation, CancellationToken, ValueTask<JsonElement>> handler,
        ToolOptions? options = null) =>
        new DelegateTool(name, description, JsonSchema.Parse(argumentsSchema), handler, options);

    /// <summary>
    /// Creates a tool from a typed delegate; the argument schema is generated from <typeparamref name="TArgs"/>
    /// and the result serialized with <paramref name="serializerOptions"/>.
    /// </summary>
    /// <typeparam name="TArgs">The arguments type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The name the model calls it by.</param>
    /// <param name="description">What the tool does, written for the model.</param>
    /// <param name="handler">The tool's body.</param>
    /// <param name="options">Guards; copied.</param>
    /// <param name="serializerOptions">JSON options; <see cref="AIJsonUtilities.DefaultOptions"/> when omitted.</param>
    /// <returns>The tool.</returns>
    public static ForemanTool Create<TArgs, TResult>(
        string name,
        string description,
        Func<TArgs, ToolInvocation, CancellationToken, ValueTask<TResult>> handler,
        ToolOptions? options = null,
        JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var json = serializerOptions ?? AIJsonUtilities.DefaultOptions;
        var schema = JsonSchema.FromElement(AIJsonUtilities.CreateJsonSchema(typeof(TArgs), serializerOptions: json));
        return new DelegateTool(name, description, schema, async (invocation, ct) =>
        {
            var args = invocation.Arguments.Deserialize<TArgs>(json)
                ?? throw new ToolException("The arguments deserialized to null.", retryable: false);
            var result = await handler(args, invocation, ct);
            return JsonSerializer.SerializeToElement(result, json);
        }, options);
    }

    /// <summary>Creates a tool from a C# method or lambda; parameters become the argument schema.</summary>
    /// <param name="method">The method.</param>
    /// <param name="name">The tool name; the method's name when omitted.</param>
    /// <param name="description">The description; the method's [Description] when omitted.</param>
    /// <param name="options">Guards; copied.</param>
    /// <returns>The tool.</returns>
    public static ForemanTool FromDelegate(Delegate method, string? name = null, string? description = null, ToolOptions? options = null) =>
        FromAIFunction(AIFunctionFactory.Create(method, name, description), options);

    /// <summary>Wraps an existing <see cref="AIFunction"/> so that every call is guarded.</summary>
    /// <param name="function">The function.</param>
    /// <param name="options">Guards; copied.</param>
    /// <returns>The tool.</returns>
    public static ForemanTool FromAIFunction(AIFunction function, ToolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new AIFunctionTool(function, options);
    }
}
