using System.Collections.Concurrent;
using Foreman.Agents;
using Foreman.Models;
using Foreman.Quality;
using Foreman.Samples.Quality;
using Foreman.Sqlite;
using Foreman.Telemetry;
using Foreman.Testing;
using Foreman.Tracing;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Tests;

public sealed class ObservabilityCommandTests
{
    [Fact]
    public async Task TracesCostAlertsQuality_AfterMonitoredRuns_ReadTheSameDatabase()
    {
        using var db = new WorkflowDatabase();
        var runIds = await RunMonitoredPipelineAsync(db.Path, count: 12);

        var query = await db.RunJsonAsync("traces", "query", "agent = invoice-reader and model_calls >= 2", "--json");
        query.GetArrayLength().ShouldBe(12);
        query.EnumerateArray().Select(r => r.GetProperty("runId").GetString()).ShouldBe(runIds, ignoreOrder: true);

        var (badCode, _, badError) = await db.RunAsync("traces", "query", "colour = red");
        badCode.ShouldBe(ExitCodes.UsageError);
        badError.ShouldContain("Unknown field 'colour'");

        var (showCode, shown, _) = await db.RunAsync("traces", "show", runIds[0]);
        showCode.ShouldBe(0);
        shown.ShouldContain("invoke_workflow invoice-extraction");
        shown.ShouldContain("└─ invoke_agent invoice-reader");
        shown.ShouldContain("chat ");
        shown.ShouldContain("execute_tool lookup_vendor");
        shown.ShouldContain("confidence=0.93");

        var cost = await db.RunJsonAsync("cost", "--since", "1d", "--cost-per-error", "10", "--json");
        var pipeline = cost.GetProperty("pipelines").EnumerateArray().ShouldHaveSingleItem();
        pipeline.GetProperty("pipeline").GetString().ShouldBe("invoice-extraction");
        pipeline.GetProperty("runs").GetInt32().ShouldBe(12);
        pipeline.GetProperty("cost").GetProperty("inference").GetDecimal().ShouldBeGreaterThan(0m);
        var (costCode, costText, _) = await db.RunAsync("cost", "--since", "7d");
        costCode.ShouldBe(0);
        costText.ShouldContain("INFERENCE");
        costText.ShouldContain("invoice-extraction");
        (await db.RunAsync("cost", "--since", "soon")).ExitCode.ShouldBe(ExitCodes.UsageError);

        var (checkCode, checkText, _) = await db.RunAsync("alerts", "check");
        checkCode.ShouldBe(0);
        checkText.ShouldContain("new or worse");
        (await db.RunAsync("alerts", "--all")).ExitCode.ShouldBe(0);

        var quality = await db.RunJsonAsync("quality", "--json");
        var status = quality.GetProperty("statuses").EnumerateArray().ShouldHaveSingleItem();
        status.GetProperty("agent").GetString().ShouldBe("invoice-reader");
        status.GetProperty("samples").GetInt32().ShouldBe(12, "every output was sampled in this test");
        status.GetProperty("accuracy").GetDouble().ShouldBe(1.0);

        // 12 of 12 right is not proof of perfection: the 95% Wilson interval is 75.75–100% (Python's
        // statistics.NormalDist), and 12 samples are fewer than the 20 a level needs.
        var interval = status.GetProperty("accuracyInterval");
        interval.GetProperty("lower").GetDouble().ShouldBe(0.7575060, 1e-6);
        interval.GetProperty("upper").GetDouble().ShouldBe(1.0);
        interval.GetProperty("trials").GetInt32().ShouldBe(12);
        var (qualityCode, qualityText, _) = await db.RunAsync("quality");
        qualityCode.ShouldBe(0);
        qualityText.ShouldContain("100.0% [75.8–100.0]");
        qualityText.ShouldContain("insufficient data (12/20)");
        (await db.RunAsync("quality", "--confidence", "1.5")).ExitCode.ShouldBe(ExitCodes.UsageError);
        var at99 = await db.RunJsonAsync("quality", "--json", "--confidence", "0.99");
        at99.GetProperty("statuses")[0].GetProperty("accuracyInterval").GetProperty("lower").GetDouble().ShouldBeLessThan(0.7575060);
    }

    private static async Task<List<string>> RunMonitoredPipelineAsync(string path, int count)
    {
        var (documents, labels) = InvoiceDataset.Generate(count, seed: 77);
        await using var store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = path });
        await store.InitializeAsync(CancellationToken.None);
        var traces = new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = path });
        await traces.InitializeAsync(CancellationToken.None);
        var quality = new SqliteQualityStore(new SqliteQualityStoreOptions { DatabasePath = path });
        await quality.InitializeAsync(CancellationToken.None);
        using var runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, new SimulatedChatClientProvider(new DelegateBehavior(InvoiceReader.Play))));
        var monitor = new QualityMonitor(quality, new QualityOptions { SampleRate = 1.0, GroundTruth = labels, Traces = traces });
        var engine = new WorkflowEngine(store, [new MonitoredInvoiceWorkflow(runtime, monitor)]);

        // Runs are submitted first so the recorder can keep to them: other tests in this process run agents too.
        var runIds = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            runIds[(await engine.SubmitAsync(MonitoredInvoiceWorkflow.WorkflowName, document)).Run.RunId] = true;
        }

        await using (var recorder = new TraceRecorder(new TraceRecorderOptions { Store = traces, Filter = a => a.GetBaggageItem(GenAIAttributes.RunId) is { } id && runIds.ContainsKey(id) }))
        {
            using var stop = new CancellationTokenSource();
            var worker = new WorkflowWorker(engine, new WorkflowWorkerOptions { PollInterval = TimeSpan.FromMilliseconds(50) }).RunAsync(stop.Token);
            for (var i = 0; i < 2_000 && (await store.ListRunsAsync(new RunQuery { Status = RunStatus.Completed }, CancellationToken.None)).Count < count; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
            }

            await stop.CancelAsync();
            await worker;
        }

        return [.. runIds.Keys];
    }
}
