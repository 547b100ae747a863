using System.Diagnostics;
using Foreman.Samples.Quality;
using Foreman.Telemetry;
using Foreman.Workflows;

namespace Foreman.Observability.Tests;

/// <summary>Spans that Foreman knows nothing about (a router, a supervisor, the user's own) land in the run's trace.</summary>
public sealed class PatternSpanTests
{
    private static readonly ActivitySource Patterns = new("Acme.Patterns");

    [Fact]
    public async Task OwnSpansAndRoutingEvents_InsideARun_StoredInItsTreeWithoutCountingTwice()
    {
        var (documents, labels) = InvoiceDataset.Generate(1);
        await using var h = await ObservabilityHarness.StartAsync(
            labels,
            moreWorkflows: harness => [new DelegateWorkflow<InvoiceDocument, string>("routed", async (context, input) =>
            {
                using var route = Patterns.StartActivity("route invoice");
                route?.AddEvent(new ActivityEvent("foreman.route.decision", tags: new ActivityTagsCollection { ["foreman.route"] = "invoice-reader", ["foreman.route.reason"] = "looks like an invoice" }));

                // A supervisor is an agent invocation in GenAI terms, wrapping the agent run that does the work.
                using var supervisor = Patterns.StartActivity("invoke_agent supervisor");
                supervisor?.SetTag(GenAIAttributes.OperationName, GenAIOperations.InvokeAgent);
                supervisor?.SetTag(GenAIAttributes.AgentName, "supervisor");
                var result = await context.RunAgentAsync(harness.Runtime, InvoiceReader.Build(), input.Text);
                return result.Status.ToString();
            })],
            moreSources: [Patterns.Name]);

        var (run, _) = await h.Engine.SubmitAsync("routed", documents[0]);
        await h.TracedAsync(await h.SettledAsync(run.RunId));

        var trace = (await h.TraceQueries.GetTraceAsync(run.RunId, CancellationToken.None)).ShouldNotBeNull();
        var root = trace.Roots.ShouldHaveSingleItem();
        var route = root.Children.ShouldHaveSingleItem().Span;
        route.Name.ShouldBe("route invoice");
        var decision = route.Events.ShouldHaveSingleItem();
        decision.Name.ShouldBe("foreman.route.decision");
        decision.Attributes["foreman.route"].ShouldBe("invoice-reader");
        var supervisor = root.Children[0].Children.ShouldHaveSingleItem();
        supervisor.Span.Name.ShouldBe("invoke_agent supervisor");
        supervisor.Children.ShouldHaveSingleItem().Span.Name.ShouldBe("invoke_agent invoice-reader");

        trace.Summary.Agents.ShouldBe(["invoice-reader", "supervisor"]);
        trace.Summary.AgentInvocations.ShouldBe(1, "the supervisor's span wraps the agent run; only the run counts");
        var stats = await h.Traces.GetAgentStatsAsync(h.Clock.GetUtcNow().AddHours(-1), h.Clock.GetUtcNow(), CancellationToken.None);
        stats.ShouldHaveSingleItem().Agent.ShouldBe("invoice-reader");
    }
}
