using System.Globalization;
using Foreman.Telemetry;
using Foreman.Tracing;

namespace Foreman.Server.Runs;

/// <summary>
/// Turns a run's recorded spans (from the trace store) into the dashboard's trace tree, and merges them with the
/// journal's view: each execution of the run (one per claim: before and after a wait) holds its agents, model calls
/// and tool calls with the attributes the spans carry; the journal adds the workflow's own steps, waits and reviews,
/// which have no span. Agent spans a replay re-created (<c>foreman.replayed</c>) are left out, as they cost nothing.
/// </summary>
internal static class SpanTraceMapper
{
    public static TraceViewNode Merge(TraceViewNode journalView, RunTrace trace)
    {
        var root = new TraceViewNode
        {
            Kind = journalView.Kind,
            Name = journalView.Name,
            Status = journalView.Status,
            StartedAt = journalView.StartedAt,
            DurationMs = journalView.DurationMs,
            Detail = journalView.Detail,
            // Totals from the journal: exact and durable even while the recorder is still writing the last spans.
            InputTokens = journalView.InputTokens,
            OutputTokens = journalView.OutputTokens,
            Cost = journalView.Cost,
            Confidence = trace.Summary.MinConfidence ?? journalView.Children.FirstOrDefault(c => c.Kind == "agent")?.Confidence,
            Validation = trace.Summary.ValidationFailures == 0 ? "valid" : $"{trace.Summary.ValidationFailures} validation failure(s)",
        };
        var executions = trace.Roots.Select(Map).OfType<TraceViewNode>().ToList();
        var nodes = new List<TraceViewNode>(executions);
        foreach (var entry in journalView.Children.Where(c => c.Kind != "agent"))
        {
            // A step recorded during an execution belongs under it; a wait that ended the execution too.
            var owner = executions.LastOrDefault(e => e.Kind == "execution" && e.StartedAt <= entry.StartedAt && entry.StartedAt <= e.StartedAt + TimeSpan.FromMilliseconds((e.DurationMs ?? 0) + 50));
            if (owner is null)
            {
                nodes.Add(entry);
            }
            else
            {
                owner.Children.Add(entry);
            }
        }

        foreach (var execution in executions)
        {
            var ordered = execution.Children.OrderBy(n => n.StartedAt ?? DateTimeOffset.MaxValue).ToList();
            execution.Children.Clear();
            execution.Children.AddRange(ordered);
        }

        root.Children.AddRange(nodes.OrderBy(n => n.StartedAt ?? DateTimeOffset.MaxValue));
        return root;
    }

    private static TraceViewNode? Map(Foreman.Tracing.TraceNode node)
    {
        var span = node.Span;
        if (span.Attribute(GenAIAttributes.Replayed) is "true" or "True")
        {
            return null;
        }

        var kind = span.Operation switch
        {
            GenAIOperations.InvokeWorkflow => "execution",
            GenAIOperations.InvokeAgent => "agent",
            GenAIOperations.Chat => "model_call",
            GenAIOperations.ExecuteTool => "tool_call",
            _ => "span",
        };
        var name = kind switch
        {
            "execution" => span.Attribute(GenAIAttributes.RunClaim) is { } claim ? $"execution (claim {claim})" : span.Name,
            "agent" => span.Attribute(GenAIAttributes.AgentName) ?? span.Name,
            "model_call" => span.Attribute(GenAIAttributes.ResponseModel) ?? span.Attribute(GenAIAttributes.RequestModel) ?? span.Name,
            "tool_call" => span.Attribute(GenAIAttributes.ToolName) ?? span.Name,
            _ => span.Name,
        };
        var validation = span.Attribute(GenAIAttributes.Validation);
        if (validation is not null && span.Attribute(GenAIAttributes.ValidationProblems) is { Length: > 0 } problems)
        {
            validation = $"{validation}: {problems}";
        }

        var result = new TraceViewNode
        {
            Kind = kind,
            Name = name,
            Status = Status(span),
            StartedAt = span.StartedAt,
            DurationMs = span.Duration.TotalMilliseconds,
            Model = kind == "model_call" ? span.Attribute(GenAIAttributes.ResponseModel) ?? span.Attribute(GenAIAttributes.RequestModel) : null,
            InputTokens = Long(span.Attribute(GenAIAttributes.InputTokens)),
            OutputTokens = Long(span.Attribute(GenAIAttributes.OutputTokens)),
            Cost = Decimal(span.Attribute(GenAIAttributes.Cost)),
            Confidence = Double(span.Attribute(GenAIAttributes.Confidence)),
            Validation = validation ?? (kind == "tool_call" ? (span.Status == "error" ? span.Attribute(GenAIAttributes.ErrorType) ?? span.Attribute(GenAIAttributes.ToolOutcome) ?? "failed" : "valid") : null),
            Attempts = (int?)Long(span.Attribute(GenAIAttributes.Attempts)),
            Detail = span.StatusDescription ?? (span.Attribute(GenAIAttributes.Retry) is "true" or "True" ? "retry" : null),
        };
        foreach (var spanEvent in span.Events)
        {
            result.Children.Add(new TraceViewNode { Kind = "event", Name = spanEvent.Name, StartedAt = spanEvent.At, Detail = string.Join(", ", spanEvent.Attributes.Select(a => $"{a.Key}={a.Value}")) });
        }

        result.Children.AddRange(node.Children.Select(Map).OfType<TraceViewNode>());
        if (kind is "agent" or "execution")
        {
            var models = Flatten(result).Where(n => n.Kind == "model_call").ToList();
            result.InputTokens ??= models.Sum(n => n.InputTokens ?? 0);
            result.OutputTokens ??= models.Sum(n => n.OutputTokens ?? 0);
            result.Cost ??= models.Sum(n => n.Cost ?? 0);
        }

        return result;
    }

    private static string Status(TraceSpan span)
    {
        var status = span.Attribute(GenAIAttributes.ToolOutcome) ?? span.Attribute(GenAIAttributes.AgentStatus) ?? span.Attribute(GenAIAttributes.RunStatus) ?? span.Status;
        return status == "unset" ? "ok" : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status);
    }

    private static IEnumerable<TraceViewNode> Flatten(TraceViewNode node) => node.Children.SelectMany(c => (IEnumerable<TraceViewNode>)[c, .. Flatten(c)]);

    private static long? Long(string? text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static decimal? Decimal(string? text) => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? Double(string? text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
