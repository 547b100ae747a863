using System.Globalization;
using Foreman.Telemetry;

namespace Foreman.Tracing;

/// <summary>Turns spans into the per-run summary increments a store merges (see <see cref="TraceRunSummary"/>).</summary>
public static class TraceSummarizer
{
    /// <summary>Summarizes spans, one increment per run.</summary>
    /// <param name="spans">The spans.</param>
    /// <returns>The increments.</returns>
    public static IReadOnlyList<TraceRunSummary> Summarize(IEnumerable<TraceSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        return spans.GroupBy(s => s.RunId, StringComparer.Ordinal).Select(g => SummarizeRun(g.Key, g.ToList())).ToList();
    }

    private static TraceRunSummary SummarizeRun(string runId, List<TraceSpan> spans)
    {
        var summary = new TraceRunSummary
        {
            RunId = runId,
            StartedAt = spans.Min(s => s.StartedAt),
            EndedAt = spans.Max(s => s.StartedAt + s.Duration),
            Spans = spans.Count,
        };
        var agents = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var span in spans)
        {
            summary = span.Operation switch
            {
                GenAIOperations.InvokeWorkflow => summary with
                {
                    Pipeline = span.Attribute(GenAIAttributes.WorkflowName) ?? summary.Pipeline,
                    Status = span.Attribute(GenAIAttributes.RunStatus) ?? summary.Status,
                },
                // A replay re-emits the agent span of work already counted: it stays in the trace, not in the counts.
                GenAIOperations.InvokeAgent when span.Attribute(GenAIAttributes.Replayed) == "true" => summary,
                GenAIOperations.InvokeAgent => AddAgent(summary, span, runId, agents),
                GenAIOperations.Chat => AddModelCall(summary, span),
                GenAIOperations.ExecuteTool => summary with
                {
                    ToolCalls = summary.ToolCalls + 1,
                    ToolErrors = summary.ToolErrors + (span.Attribute(GenAIAttributes.ToolOutcome) is { } o && o != "ok" ? 1 : 0),
                    ToolRetries = summary.ToolRetries + Math.Max(0, Int(span, GenAIAttributes.Attempts) - 1),
                },
                _ => summary,
            };
        }

        return summary with { Agents = agents.ToList() };
    }

    private static TraceRunSummary AddAgent(TraceRunSummary summary, TraceSpan span, string runId, SortedSet<string> agents)
    {
        if (span.Attribute(GenAIAttributes.AgentName) is { } agent)
        {
            agents.Add(agent);
        }

        // Only an agent run reports a status; a pattern's span (a supervisor, a router) that is also an agent
        // invocation in GenAI terms wraps agent runs that are counted themselves.
        var status = span.Attribute(GenAIAttributes.AgentStatus);
        if (status is null)
        {
            return summary;
        }

        var stop = span.Attribute(GenAIAttributes.StopReason);
        double? confidence = status == "Succeeded" && double.TryParse(span.Attribute(GenAIAttributes.Confidence), NumberStyles.Float, CultureInfo.InvariantCulture, out var c) ? c : null;
        summary = summary with
        {
            AgentInvocations = summary.AgentInvocations + 1,
            LoopDetections = summary.LoopDetections + (stop == "LoopDetected" ? 1 : 0),
            GuardrailRejections = summary.GuardrailRejections + (stop == "GuardrailRejected" ? 1 : 0),
            ValidationFailures = summary.ValidationFailures + (span.Attribute(GenAIAttributes.Validation) == "invalid" ? 1 : 0),
            MinConfidence = confidence is { } v ? Math.Min(v, summary.MinConfidence ?? double.MaxValue) : summary.MinConfidence,
        };

        // An agent run outside any workflow is its own run: its span names the pipeline and the status.
        var isRunRoot = string.Equals(span.Attribute(GenAIAttributes.RunId), runId, StringComparison.Ordinal) && span.ParentSpanId is null;
        return isRunRoot
            ? summary with { Pipeline = $"agent:{span.Attribute(GenAIAttributes.AgentName)}", Status = status switch { "Succeeded" => "completed", "NeedsHuman" => "waiting", _ => "failed" } }
            : summary;
    }

    private static TraceRunSummary AddModelCall(TraceRunSummary summary, TraceSpan span)
    {
        var cost = decimal.TryParse(span.Attribute(GenAIAttributes.Cost), NumberStyles.Float, CultureInfo.InvariantCulture, out var c) ? c : 0m;
        var retry = span.Attribute(GenAIAttributes.Retry) == "true";
        return summary with
        {
            ModelCalls = summary.ModelCalls + 1,
            RetriedModelCalls = summary.RetriedModelCalls + (retry ? 1 : 0),
            InputTokens = summary.InputTokens + Int(span, GenAIAttributes.InputTokens),
            OutputTokens = summary.OutputTokens + Int(span, GenAIAttributes.OutputTokens),
            Cost = summary.Cost + cost,
            RetryCost = summary.RetryCost + (retry ? cost : 0m),
        };
    }

    private static int Int(TraceSpan span, string name) =>
        int.TryParse(span.Attribute(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
