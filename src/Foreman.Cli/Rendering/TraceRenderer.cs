using System.Globalization;
using System.Text;
using Foreman.Telemetry;
using Foreman.Tracing;

namespace Foreman.Cli.Rendering;

/// <summary>Plain-text views of traces: a table of runs, and one run as a tree.</summary>
internal static class TraceRenderer
{
    // What a span's line shows after its name, by kind of span: a short label and the attribute it reads, in order.
    // Spans of other kinds show their first few foreman.* attributes.
    private static readonly Dictionary<string, (string Label, string Attribute)[]> DetailsByOperation = new(StringComparer.Ordinal)
    {
        [GenAIOperations.InvokeAgent] =
        [
            ("status", GenAIAttributes.AgentStatus), ("stop", GenAIAttributes.StopReason), ("confidence", GenAIAttributes.Confidence),
            ("validation", GenAIAttributes.Validation), ("retries", GenAIAttributes.RetryCount), ("cost", GenAIAttributes.Cost),
            ("replayed", GenAIAttributes.Replayed),
        ],
        [GenAIOperations.Chat] =
        [
            ("in", GenAIAttributes.InputTokens), ("out", GenAIAttributes.OutputTokens), ("cost", GenAIAttributes.Cost),
            ("retry", GenAIAttributes.Retry), ("attempt", GenAIAttributes.Attempts), ("error", GenAIAttributes.ErrorType),
        ],
        [GenAIOperations.ExecuteTool] =
        [
            ("outcome", GenAIAttributes.ToolOutcome), ("attempts", GenAIAttributes.Attempts), ("validation", GenAIAttributes.Validation),
            ("args", GenAIAttributes.ToolCallArguments),
        ],
        [GenAIOperations.InvokeWorkflow] = [("status", GenAIAttributes.RunStatus), ("claim", GenAIAttributes.RunClaim)],
    };

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
        if (span.Operation is null || !DetailsByOperation.TryGetValue(span.Operation, out var shown))
        {
            var other = span.Attributes.Where(a => a.Key.StartsWith("foreman.", StringComparison.Ordinal) && a.Key != GenAIAttributes.RunId).Take(6).Select(a => $"{a.Key}={a.Value}");
            return Joined(other.ToList());
        }

        var parts = new List<string>();
        foreach (var (label, attribute) in shown)
        {
            if (span.Attribute(attribute) is { } value)
            {
                parts.Add($"{label}={value}");
            }
        }

        return Joined(parts);
    }

    private static string Joined(List<string> parts) => parts.Count == 0 ? string.Empty : "  " + string.Join(' ', parts);

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
