using System.Text.Json;
using Foreman.Testing;
using Microsoft.Extensions.AI;

namespace Foreman.Samples;

/// <summary>
/// Helpers for scripting how a plausible model works through a sample: look at which tools already answered
/// successfully in the conversation and take the next missing step, so injected faults are corrected naturally.
/// </summary>
internal static class SimulatedPlay
{
    /// <summary>Returns the successful results so far, by tool name (the latest per tool).</summary>
    public static Dictionary<string, JsonElement> SuccessfulResults(SimulationTurnContext context)
    {
        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var result in context.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>())
        {
            var name = context.GetToolName(result);
            if (name is null || result.Result?.ToString() is not { } text)
            {
                continue;
            }

            try
            {
                var element = JsonElement.Parse(text);
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("error", out _))
                {
                    results[name] = element;
                }
            }
            catch (JsonException)
            {
                // A trimmed or non-JSON result is not usable evidence for the script.
            }
        }

        return results;
    }

    /// <summary>Gets the first user message: the request.</summary>
    public static string Request(SimulationTurnContext context) =>
        context.Messages.FirstOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;

    /// <summary>Serializes a final answer.</summary>
    public static SimulatedTurn Answer(object answer) => SimulatedTurn.Final(JsonSerializer.Serialize(answer));

    /// <summary>Serializes a tool call.</summary>
    public static SimulatedTurn Call(string tool, object arguments) => SimulatedTurn.CallTool(tool, JsonSerializer.Serialize(arguments));
}
