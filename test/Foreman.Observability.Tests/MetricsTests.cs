using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Foreman.Samples.Quality;
using Foreman.Telemetry;
using Foreman.Testing;

namespace Foreman.Observability.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task PipelineRuns_RecordTheIssuesInstruments()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ForemanTelemetry.SourceName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Tags(tags))));
        listener.Start();

        var (documents, labels) = InvoiceDataset.Generate(6, seed: 31);
        await using var h = await ObservabilityHarness.StartAsync(labels, q => q.SampleRate = 1.0);
        h.Model.Faults = FaultInjection.None with { Seed = 2, ServerErrorRate = 0.3 };
        await h.RunAsync(documents, tick: TimeSpan.FromSeconds(5));

        var ours = measurements.Where(m => Equals(m.Tags.GetValueOrDefault(GenAIAttributes.WorkflowName), "invoice-extraction") || Equals(m.Tags.GetValueOrDefault(GenAIAttributes.AgentName), "invoice-reader")).ToList();
        ours.Count(m => m.Instrument == "foreman.run.executions" && Equals(m.Tags[GenAIAttributes.RunStatus], "completed")).ShouldBe(6, "success rate: completed executions per workflow");
        ours.Count(m => m.Instrument == "foreman.run.duration").ShouldBe(6, "latency histogram, one per finished run");
        ours.Count(m => m.Instrument == "foreman.run.cost").ShouldBe(6, "cost per agent run");
        ours.Where(m => m.Instrument == "foreman.agent.steps").ShouldAllBe(m => m.Value == 1, "step-count distribution: one tool call each");
        ours.Count(m => m.Instrument == "foreman.model.retries").ShouldBe(h.Model.Log.Count(c => c.Faults.HasFlag(InjectedFaults.ServerError)), "retry rate per sub-agent");
        ours.Count(m => m.Instrument == "foreman.quality.samples").ShouldBe(6);
        measurements.Any(m => m.Instrument == "foreman.context.utilization" && m.Value is > 0 and < 1).ShouldBeTrue();
        measurements.Any(m => m.Instrument == "foreman.tool.calls" && Equals(m.Tags[GenAIAttributes.ToolName], "lookup_vendor") && Equals(m.Tags[GenAIAttributes.ToolOutcome], "ok")).ShouldBeTrue("tool error rate by tool");
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            copy[key] = value;
        }

        return copy;
    }
}
