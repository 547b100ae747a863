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

        JsonElement value;
        try
        {
            value = JsonElement.Parse(raw, ArgumentParsing);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // ArgumentException: the text itself holds an unpaired surrogate; InvalidOperationException: a property
            // name escapes one (found while checking for duplicates).
            return ParsedArguments.Invalid($"the arguments are not valid JSON ({ex.Message})", Truncate(raw, 1_000));
        }

        // "\ud800" parses, but every later read of that string throws; refuse it here, where the model can be told.
        return raw.Contains("\\u", StringComparison.Ordinal) && HasUnpairedSurrogate(value)
            ? ParsedArguments.Invalid("the arguments contain an escaped unpaired surrogate (such as \\ud800), which is not text", Truncate(raw, 1_000))
            : new ParsedArguments(value, null, raw);
    }

    private static bool HasUnpairedSurrogate(JsonElement element)
    {
        try
        {
            ReadAllStrings(element);
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    // Depth is bounded by ArgumentParsing.MaxDepth.
    private static void ReadAllStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadAllStrings(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadAllStrings(property.Value);
                }

                break;
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
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
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
