using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Foreman.Tools;

/// <summary>Turning what the model sent into arguments, without ever throwing on hostile input.</summary>
internal sealed partial class ToolCallGuard
{
    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    private ParsedArguments Parse(string raw)
    {
        if (raw.Length > _settings.MaxArgumentCharacters)
        {
            return ParsedArguments.Invalid($"the arguments are {raw.Length} characters long; the limit is {_settings.MaxArgumentCharacters}", Truncate(raw, 1_000));
        }

        // Some models send an empty string for a call without arguments.
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new ParsedArguments(EmptyObject, null, raw);
        }

        try
        {
            return new ParsedArguments(JsonElement.Parse(raw, ArgumentParsing), null, raw);
        }
        catch (JsonException ex)
        {
            return ParsedArguments.Invalid($"the arguments are not valid JSON ({ex.Message})", Truncate(raw, 1_000));
        }
    }

    private static ParsedArguments FromDictionary(IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            return new ParsedArguments(EmptyObject, null, null);
        }

        try
        {
            return new ParsedArguments(JsonSerializer.SerializeToElement(arguments, AIJsonUtilities.DefaultOptions), null, null);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return ParsedArguments.Invalid($"the arguments could not be read as JSON ({ex.Message})", null);
        }
    }

    private readonly record struct ParsedArguments(JsonElement Value, string? Error, string? Raw)
    {
        public static ParsedArguments Invalid(string error, string? raw) => new(default, error, raw);
    }

    private sealed record CallInProgress(int Sequence, string CallId, string ToolName, ParsedArguments Arguments, string IdempotencyKey, DateTimeOffset StartedAt, long StartTimestamp);

    private sealed class Execution(ForemanTool tool, ToolInvocation invocation)
    {
        public ForemanTool Tool { get; } = tool;

        public ToolInvocation Invocation { get; } = invocation;

        public int Attempts { get; set; }
    }
}
