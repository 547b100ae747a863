using System.Text.Json;
using Foreman.Tools;

namespace Foreman.Agents;

/// <summary>
/// Writes an <see cref="AgentResult"/> as stable snake_case JSON for the CLI, the HTTP API and logs. Tool
/// arguments and results are included because the caller asked for this run's own result.
/// </summary>
public static class AgentResultJson
{
    /// <summary>Serializes a result.</summary>
    /// <param name="result">The result.</param>
    /// <param name="extra">Extra top-level properties (for example <c>simulated</c>), written first.</param>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(AgentResult result, IReadOnlyDictionary<string, object?>? extra = null, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, result, extra);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes a result to a JSON writer.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="result">The result.</param>
    /// <param name="extra">Extra top-level properties, written first.</param>
    public static void Write(Utf8JsonWriter w, AgentResult result, IReadOnlyDictionary<string, object?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        w.WriteStartObject();
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>(StringComparer.Ordinal))
        {
            w.WritePropertyName(key);
            JsonSerializer.Serialize(w, value);
        }

        w.WriteString("run_id", result.RunId);
        w.WriteString("agent", result.AgentName);
        w.WriteString("status", Snake(result.Status.ToString()));
        w.WriteString("stop_reason", Snake(result.StopReason.ToString()));
        w.WriteString("stop_detail", result.StopDetail);
        w.WriteString("model", result.Model);
        w.WritePropertyName("output");
        WriteElement(w, result.Output);
        w.WriteString("text", result.Text);
        w.WriteNumber("confidence", Math.Round(result.Confidence, 4));
        w.WriteBoolean("confidence_reported", result.ConfidenceReported);
        w.WriteNumber("duration_ms", Math.Round(result.Duration.TotalMilliseconds, 3));
        WriteUsage(w, result.Usage);
        WriteTrail(w, result.Trail);
        w.WriteStartArray("model_calls");
        foreach (var call in result.ModelCalls)
        {
            w.WriteStartObject();
            w.WriteString("model", call.Model);
            w.WriteNumber("prompt_tokens", call.PromptTokens);
            w.WriteNumber("completion_tokens", call.CompletionTokens);
            w.WriteString("timestamp", call.Timestamp);
            w.WriteNumber("duration_ms", Math.Round(call.Duration.TotalMilliseconds, 3));
            w.WriteNumber("cost", call.Cost);
            w.WriteBoolean("is_retry", call.IsRetry);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("budget_alerts");
        foreach (var alert in result.BudgetAlerts)
        {
            w.WriteStartObject();
            w.WriteString("budget", Snake(alert.Kind.ToString()));
            w.WriteNumber("used", alert.Used);
            w.WriteNumber("limit", alert.Limit);
            w.WriteNumber("projected", alert.Projected);
            w.WriteString("at", alert.At);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("output_problems");
        foreach (var problem in result.OutputProblems)
        {
            w.WriteStringValue(problem);
        }

        w.WriteEndArray();
        WriteOptionalObjects(w, result);
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, AgentUsage usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("model_calls", usage.ModelCalls);
        w.WriteNumber("tool_calls", usage.ToolCalls);
        w.WriteNumber("prompt_tokens", usage.PromptTokens);
        w.WriteNumber("completion_tokens", usage.CompletionTokens);
        w.WriteNumber("cost", usage.Cost);
        w.WriteNumber("retry_cost", usage.RetryCost);
        w.WriteString("currency", usage.Currency);
        w.WriteEndObject();
    }

    private static void WriteTrail(Utf8JsonWriter w, IReadOnlyList<ToolCallRecord> trail)
    {
        w.WriteStartArray("trail");
        foreach (var call in trail)
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", call.Sequence);
            w.WriteString("call_id", call.CallId);
            w.WriteString("tool", call.ToolName);
            w.WritePropertyName("arguments");
            WriteElement(w, call.Arguments.ValueKind == JsonValueKind.Undefined ? null : call.Arguments);
            w.WriteString("raw_arguments", call.RawArguments);
            w.WriteString("outcome", call.Error is null ? "ok" : Snake(call.Error.Kind.ToString()));
            w.WriteString("error", call.Error?.Message);
            w.WritePropertyName("result");
            WriteElement(w, call.Result.ValueKind == JsonValueKind.Undefined ? null : call.Result);
            w.WriteNumber("attempts", call.Attempts);
            w.WriteNumber("duration_ms", Math.Round(call.Duration.TotalMilliseconds, 3));
            w.WriteBoolean("trimmed", call.Trimmed);
            w.WriteString("idempotency_key", call.IdempotencyKey);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteOptionalObjects(Utf8JsonWriter w, AgentResult result)
    {
        if (result.PendingApproval is { } pending)
        {
            w.WriteStartObject("pending_approval");
            w.WriteString("tool", pending.ToolName);
            w.WriteString("effect", pending.Effect.ToString());
            w.WritePropertyName("arguments");
            WriteElement(w, pending.Arguments);
            w.WriteString("action_hash", pending.ActionHash);
            w.WriteEndObject();
        }

        if (result.GuardrailRejection is { } rejection)
        {
            w.WriteStartObject("guardrail_rejection");
            w.WriteString("guardrail", rejection.Guardrail);
            w.WriteString("code", rejection.Code);
            w.WriteString("reason", rejection.Reason);
            w.WriteString("evidence", rejection.Evidence);
            w.WriteEndObject();
        }
    }

    private static void WriteElement(Utf8JsonWriter w, JsonElement? element)
    {
        if (element is { } e && e.ValueKind != JsonValueKind.Undefined)
        {
            e.WriteTo(w);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static string Snake(string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
