using System.Globalization;
using System.Text;
using Foreman.Telemetry;
using Foreman.Tracing;

namespace Foreman.Cli.Rendering;

/// <summary>Plain-text views of traces: a table of runs, and one run as a tree.</summary>
internal static class TraceRenderer
{
    public static string RunsText(IReadOnlyList<TraceRunSummary> runs)
    {
        if (runs.Count == 0)
        {
            return "No runs match." + Environment.NewLine;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"RUN",-38} {"PIPELINE",-22} {"STATUS",-13} {"STARTED (UTC)",-19} {"SECONDS",8} {"RETRIES",7} {"TOOL ERR",8} {"COST",10} {"MIN CONF",8} CORRECT");
        foreach (var r in runs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.RunId,-38} {Cut(r.Pipeline ?? "-", 22),-22} {r.Status ?? "-",-13} {r.StartedAt.UtcDateTime,-19:yyyy-MM-dd HH:mm:ss} {r.Duration.TotalSeconds,8:0.000} {r.Retries,7} {r.ToolErrors,8} {r.Cost,10:0.000000} {(r.MinConfidence is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "-"),8} {r.Correct switch { true => "yes", false => "no", null => "-" }}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{runs.Count} run(s).");
        return text.ToString();
    }

    public static string TraceText(RunTrace trace)
    {
        var s = trace.Summary;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {s.RunId}  pipeline {s.Pipeline ?? "-"}  status {s.Status ?? "-"}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  {s.AgentInvocations} agent invocation(s), {s.ModelCalls} model call(s) ({s.RetriedModelCalls} retried), {s.ToolCalls} tool call(s) ({s.ToolErrors} failed), {s.InputTokens}+{s.OutputTokens} tokens, cost {s.Cost:0.000000} (retries {s.RetryCost:0.000000})");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  min confidence {(s.MinConfidence is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "-")}, validation failures {s.ValidationFailures}, loops {s.LoopDetections}, verified correct {s.Correct switch { true => "yes", false => "no", null => "not sampled" }}");
        foreach (var root in trace.Roots)
        {
            Write(text, root, string.Empty, last: true, isRoot: true);
        }

        return text.ToString();
    }

    private static void Write(StringBuilder text, TraceNode node, string indent, bool last, bool isRoot)
    {
        var span = node.Span;
        var branch = isRoot ? string.Empty : last ? "└─ " : "├─ ";
        text.AppendLine(CultureInfo.InvariantCulture, $"{indent}{branch}{span.Name}  {span.Duration.TotalMilliseconds:0.0} ms{(span.Status == "error" ? "  ERROR " + span.StatusDescription : string.Empty)}{Details(span)}");
        foreach (var e in span.Events)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}{(isRoot ? string.Empty : last ? "   " : "│  ")}  • {e.Name} {string.Join(' ', e.Attributes.Select(a => $"{a.Key}={a.Value}"))}");
        }

        var childIndent = indent + (isRoot ? string.Empty : last ? "   " : "│  ");
        for (var i = 0; i < node.Children.Count; i++)
        {
            Write(text, node.Children[i], childIndent, i == node.Children.Count - 1, isRoot: false);
        }
    }

    private static string Details(TraceSpan span)
    {
        var parts = new List<string>();
        void Add(string label, string attribute)
        {
            if (span.Attribute(attribute) is { } value)
            {
                parts.Add($"{label}={value}");
            }
        }

        switch (span.Operation)
        {
            case GenAIOperations.InvokeAgent:
                Add("status", GenAIAttributes.AgentStatus);
                Add("stop", GenAIAttributes.StopReason);
                Add("confidence", GenAIAttributes.Confidence);
                Add("validation", GenAIAttributes.Validation);
                Add("retries", GenAIAttributes.RetryCount);
                Add("cost", GenAIAttributes.Cost);
                Add("replayed", GenAIAttributes.Replayed);
                break;
            case GenAIOperations.Chat:
                Add("in", GenAIAttributes.InputTokens);
                Add("out", GenAIAttributes.OutputTokens);
                Add("cost", GenAIAttributes.Cost);
                Add("retry", GenAIAttributes.Retry);
                Add("attempt", GenAIAttributes.Attempts);
                Add("error", GenAIAttributes.ErrorType);
                break;
            case GenAIOperations.ExecuteTool:
                Add("outcome", GenAIAttributes.ToolOutcome);
                Add("attempts", GenAIAttributes.Attempts);
                Add("validation", GenAIAttributes.Validation);
                Add("args", GenAIAttributes.ToolCallArguments);
                break;
            case GenAIOperations.InvokeWorkflow:
                Add("status", GenAIAttributes.RunStatus);
                Add("claim", GenAIAttributes.RunClaim);
                break;
            default:
                parts.AddRange(span.Attributes.Where(a => a.Key.StartsWith("foreman.", StringComparison.Ordinal) && a.Key != GenAIAttributes.RunId).Take(6).Select(a => $"{a.Key}={a.Value}"));
                break;
        }

        return parts.Count == 0 ? string.Empty : "  " + string.Join(' ', parts);
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
