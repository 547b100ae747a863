using System.Globalization;
using Foreman.Alerts;
using Foreman.Samples.Quality;
using Foreman.Telemetry;
using Foreman.Tracing;

namespace Foreman.Observability.Tests;

/// <summary>The rules that need history (a rolling average, a baseline), fed with spans written straight to the store.</summary>
public sealed class RuleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task CostSpike_MeanCostPerInvocationAboveTwiceItsRollingAverage_Fires()
    {
        await using var h = await ObservabilityHarness.StartAsync(InvoiceDataset.Generate(1).Labels);
        var now = h.Clock.GetUtcNow();
        await h.Traces.AppendAsync([.. Invocations("pricey", now.AddDays(-3), 25, 0.001m), .. Invocations("steady", now.AddDays(-3), 25, 0.001m)], None);
        await h.Traces.AppendAsync([.. Invocations("pricey", now.AddMinutes(-10), 25, 0.005m), .. Invocations("steady", now.AddMinutes(-10), 25, 0.0015m)], None);

        var fired = (await h.Alerts.EvaluateAsync(None)).Fired.Where(a => a.Rule == AlertRules.CostSpike).ToList();

        var alert = fired.ShouldHaveSingleItem("1.5x is within bounds; 5x is not");
        alert.Subject.ShouldBe("pricey");
        alert.Value.ShouldBe(5, 1e-9);
        alert.Severity.ShouldBe(AlertSeverity.Error, "more than twice the factor");
    }

    [Fact]
    public async Task SuccessRate_BelowItsBaseline_Fires_ConfiguredOrRolling()
    {
        await using var h = await ObservabilityHarness.StartAsync(InvoiceDataset.Generate(1).Labels, alerts: a => a.SuccessRateBaselines["configured"] = 0.99);
        var now = h.Clock.GetUtcNow();
        await h.Traces.AppendAsync([.. Runs("configured", now.AddMinutes(-5), completed: 18, failed: 2), .. Runs("rolling", now.AddDays(-2), completed: 30, failed: 0), .. Runs("rolling", now.AddMinutes(-5), completed: 20, failed: 5), .. Runs("fine", now.AddMinutes(-5), completed: 20, failed: 0)], None);

        var fired = (await h.Alerts.EvaluateAsync(None)).Fired.Where(a => a.Rule == AlertRules.SuccessRate).OrderBy(a => a.Subject, StringComparer.Ordinal).ToList();

        fired.Select(a => a.Subject).ShouldBe(["configured", "rolling"]);
        fired[0].Value.ShouldBe(0.9, 1e-9);
        fired[0].Threshold.ShouldBe(0.99);
        fired[1].Value.ShouldBe(0.8, 1e-9);
        fired[1].Threshold.ShouldBe(1.0, "its own rate over the previous seven days");
    }

    private static IEnumerable<TraceSpan> Invocations(string agent, DateTimeOffset at, int count, decimal costPerCall)
    {
        for (var i = 0; i < count; i++)
        {
            var runId = $"run-{agent}-{at.Ticks}-{i}";
            yield return Span(runId, $"a{i}", null, GenAIOperations.InvokeAgent, at, new() { [GenAIAttributes.AgentName] = agent, [GenAIAttributes.AgentStatus] = "Succeeded", [GenAIAttributes.RunId] = runId });
            yield return Span(runId, $"c{i}", $"a{i}", GenAIOperations.Chat, at, new() { [GenAIAttributes.AgentName] = agent, [GenAIAttributes.Cost] = costPerCall.ToString(CultureInfo.InvariantCulture), [GenAIAttributes.Retry] = "false" });
        }
    }

    private static IEnumerable<TraceSpan> Runs(string pipeline, DateTimeOffset at, int completed, int failed) =>
        Enumerable.Range(0, completed + failed).Select(i => Span($"run-{pipeline}-{at.Ticks}-{i}", "w", null, GenAIOperations.InvokeWorkflow, at, new()
        {
            [GenAIAttributes.WorkflowName] = pipeline,
            [GenAIAttributes.RunStatus] = i < completed ? "completed" : "failed",
        }));

    private static TraceSpan Span(string runId, string spanId, string? parent, string operation, DateTimeOffset at, Dictionary<string, string> attributes)
    {
        attributes[GenAIAttributes.OperationName] = operation;
        return new TraceSpan
        {
            RunId = runId,
            TraceId = runId,
            SpanId = spanId,
            ParentSpanId = parent,
            Name = operation,
            Operation = operation,
            StartedAt = at,
            Duration = TimeSpan.FromMilliseconds(5),
            Status = "unset",
            Attributes = attributes,
        };
    }
}
