using Foreman.Server.Runs;
using Foreman.Telemetry;
using Foreman.Tracing;

namespace Foreman.Server.Tests;

/// <summary>The trace view of a supervisor with sub-agents, from spans as the trace store returns them.</summary>
public sealed class SpanTraceMapperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Merge_SupervisorWithSubAgents_NestsThem_WithTokensCostConfidenceAndValidation()
    {
        TraceSpan[] spans =
        [
            Span("w", null, GenAIOperations.InvokeWorkflow, 0, 900, (GenAIAttributes.RunClaim, "1")),
            Span("sup", "w", GenAIOperations.InvokeAgent, 10, 800, (GenAIAttributes.AgentName, "supervisor"), (GenAIAttributes.Confidence, "0.8"), (GenAIAttributes.AgentStatus, "Succeeded")),
            Span("c1", "sup", GenAIOperations.Chat, 20, 30, (GenAIAttributes.ResponseModel, "gpt-4o"), (GenAIAttributes.InputTokens, "100"), (GenAIAttributes.OutputTokens, "20"), (GenAIAttributes.Cost, "0.002")),
            Span("a1", "sup", GenAIOperations.InvokeAgent, 60, 200, (GenAIAttributes.AgentName, "extractor"), (GenAIAttributes.Confidence, "0.93"), (GenAIAttributes.Validation, "valid")),
            Span("c2", "a1", GenAIOperations.Chat, 70, 40, (GenAIAttributes.RequestModel, "gpt-4o-mini"), (GenAIAttributes.InputTokens, "300"), (GenAIAttributes.OutputTokens, "50"), (GenAIAttributes.Cost, "0.0004")),
            Span("t1", "a1", GenAIOperations.ExecuteTool, 120, 10, (GenAIAttributes.ToolName, "lookup_vendor"), (GenAIAttributes.ToolOutcome, "invalid_arguments"), (GenAIAttributes.Attempts, "1")) with { Status = "error" },
            Span("a2", "sup", GenAIOperations.InvokeAgent, 300, 100, (GenAIAttributes.AgentName, "checker"), (GenAIAttributes.Validation, "invalid"), (GenAIAttributes.ValidationProblems, "/total: must be a number")),
            Span("r", "sup", GenAIOperations.InvokeAgent, 500, 1, (GenAIAttributes.AgentName, "extractor"), (GenAIAttributes.Replayed, "true")),
        ];
        var journal = new TraceViewNode { Kind = "run", Name = "invoice-review", Status = "completed", StartedAt = T0, InputTokens = 400, OutputTokens = 70, Cost = 0.0024m };
        journal.Children.Add(new TraceViewNode { Kind = "step", Name = "post-to-ledger", StartedAt = T0.AddMilliseconds(850) });
        var summary = new TraceRunSummary { RunId = "run_1", StartedAt = T0, EndedAt = T0.AddSeconds(1), MinConfidence = 0.8 };

        var view = SpanTraceMapper.Merge(journal, new RunTrace(summary, TraceQueryService.BuildTree(spans)));

        view.Cost.ShouldBe(0.0024m);
        view.Confidence.ShouldBe(0.8);
        var execution = view.Children.Single();
        execution.Kind.ShouldBe("execution");
        execution.Name.ShouldBe("execution (claim 1)");
        execution.Children.Select(c => c.Name).ShouldBe(["supervisor", "post-to-ledger"]);
        var supervisor = execution.Children[0];
        supervisor.Status.ShouldBe("succeeded");
        supervisor.Children.Select(c => $"{c.Kind} {c.Name}").ShouldBe(["model_call gpt-4o", "agent extractor", "agent checker"], "the replayed agent span is left out");
        supervisor.Cost.ShouldBe(0.0024m);
        var extractor = supervisor.Children[1];
        extractor.Confidence.ShouldBe(0.93);
        extractor.InputTokens.ShouldBe(300);
        extractor.Children[0].Model.ShouldBe("gpt-4o-mini");
        extractor.Children[1].Status.ShouldBe("invalid_arguments");
        extractor.Children[1].Validation.ShouldBe("invalid_arguments");
        supervisor.Children[2].Validation.ShouldBe("invalid: /total: must be a number");
    }

    private static TraceSpan Span(string id, string? parent, string operation, int startMs, int durationMs, params (string Key, string Value)[] attributes) => new()
    {
        RunId = "run_1",
        TraceId = "t",
        SpanId = id,
        ParentSpanId = parent,
        Name = operation,
        Operation = operation,
        StartedAt = T0.AddMilliseconds(startMs),
        Duration = TimeSpan.FromMilliseconds(durationMs),
        Status = "ok",
        Attributes = attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
    };
}
