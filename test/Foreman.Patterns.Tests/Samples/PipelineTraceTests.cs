using System.Diagnostics;
using Foreman.Samples.Pipelines;
using Foreman.Samples.Pipelines.Tickets;
using Foreman.Telemetry;

namespace Foreman.Patterns.Tests.Samples;

public sealed class PipelineTraceTests
{
    [Fact]
    public async Task ReturnsTicket_TraceShowsSupervisorRouterSubAgentAndEveryChainStep()
    {
        using var spans = new SpanCollector();
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => new TicketTriageWorkflow(runtime, reviews), SimulationRates.Default with { ClassificationError = 0, FieldError = 0 });

        var results = await harness.RunAsync(SamplePipelines.Tickets, 20, 31_337);

        var ticket = results.First(r => ((TicketTruth)r.Item.Truth).Route == "returns").Item.Id;
        var supervisor = spans.Pattern("supervisor").First(s => s.GetTagItem(PatternAttributes.TaskId) as string == ticket);
        var trace = spans.Spans.Where(s => s.TraceId == supervisor.TraceId).ToList();

        supervisor.GetTagItem(GenAIAttributes.OperationName).ShouldBe("invoke_agent");
        supervisor.GetTagItem(PatternAttributes.Route).ShouldBe("returns");
        trace.ShouldContain(s => Pattern(s) == "router" && s.GetTagItem(PatternAttributes.RouterKind) as string == "model");
        trace.ShouldContain(s => s.DisplayName == "invoke_agent ticket-classifier", "the routing model call");
        trace.ShouldContain(s => Pattern(s) == "task" && s.GetTagItem(PatternAttributes.Worker) as string == "returns");
        trace.ShouldContain(s => s.DisplayName == "invoke_agent returns-intake", "the sub-agent inside the chain");
        var steps = trace.Where(s => Pattern(s) == "chain_step").OrderBy(s => (int)s.GetTagItem(PatternAttributes.ChainStepIndex)!).ToList();
        steps.Select(s => s.GetTagItem(PatternAttributes.ChainStep)).ShouldBe(["intake", "policy", "reply"]);
        steps.ShouldAllBe(s => (int)s.GetTagItem(PatternAttributes.ContextBytes)! > 0);
        ((int)steps[1].GetTagItem(PatternAttributes.ContextBytes)!).ShouldBeLessThan((int)steps[0].GetTagItem(PatternAttributes.ContextBytes)!, "the intake forwards only the order id and condition, not the ticket");
    }

    [Fact]
    public async Task Invoice_TraceShowsTheConsensusAndEachReaderAsASubAgent()
    {
        using var spans = new SpanCollector();
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => new Foreman.Samples.Pipelines.Invoices.InvoiceProcessingWorkflow(runtime, reviews));

        var results = await harness.RunAsync(SamplePipelines.Invoices, 6, 4_242);

        var invoice = results.First(r => r.Score.Consensus is not null).Item.Id;
        var consensus = spans.Pattern("consensus").Single(s => s.GetTagItem(PatternAttributes.TaskId) as string == $"{invoice}.amount");
        spans.Spans.ShouldContain(s => s.TraceId == consensus.TraceId && Pattern(s) == "graph_node" && s.GetTagItem(PatternAttributes.GraphNode) as string == "amount");
        consensus.GetTagItem(PatternAttributes.ConsensusInstances).ShouldBe(3);
        consensus.GetTagItem(PatternAttributes.ConsensusStrategy).ShouldBe("majority");
        var readers = spans.Spans.Where(s => s.Parent?.SpanId == consensus.SpanId || IsUnder(s, consensus)).Where(s => Pattern(s) == "task").ToList();
        readers.Select(s => s.GetTagItem(GenAIAttributes.AgentName)).Order().ShouldBe(["invoice-amount-a", "invoice-amount-b", "invoice-amount-c"]);
    }

    private static string? Pattern(Activity span) => span.GetTagItem(PatternAttributes.Pattern) as string;

    private static bool IsUnder(Activity span, Activity ancestor)
    {
        for (var current = span.Parent; current is not null; current = current.Parent)
        {
            if (current.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
