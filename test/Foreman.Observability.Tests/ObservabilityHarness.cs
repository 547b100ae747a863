using Foreman.Agents;
using Foreman.Alerts;
using Foreman.Costs;
using Foreman.Models;
using Foreman.Quality;
using Foreman.Reviews;
using Foreman.Samples.Quality;
using Foreman.Sqlite;
using Foreman.Testing;
using Foreman.Tracing;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Observability.Tests;

/// <summary>
/// The sample pipeline with everything observability needs, on one real SQLite file and a fake clock: workflow,
/// review, trace, quality and alert stores; the simulated model (whose faults a test changes while it runs);
/// a trace recorder; the quality monitor with the labelled dataset; and the alert service.
/// </summary>
internal sealed class ObservabilityHarness : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-observability-").FullName;
    private readonly CancellationTokenSource _workerStop = new();
    private readonly HttpClient _http = new();
    private Task _worker = Task.CompletedTask;

    private ObservabilityHarness()
    {
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(_folder, "foreman.db");

    public SqliteWorkflowStore Store { get; private set; } = null!;

    public SqliteReviewStore Reviews { get; private set; } = null!;

    public SqliteTraceStore Traces { get; private set; } = null!;

    public SqliteQualityStore QualityStore { get; private set; } = null!;

    public SqliteAlertStore AlertStore { get; private set; } = null!;

    public SimulatedChatClientProvider Model { get; private set; } = null!;

    public AgentRuntime Runtime { get; private set; } = null!;

    public TraceRecorder Recorder { get; private set; } = null!;

    public QualityMonitor Monitor { get; private set; } = null!;

    public WorkflowEngine Engine { get; private set; } = null!;

    public AlertService Alerts { get; private set; } = null!;

    public TraceQueryService TraceQueries => new(Traces, Clock);

    public CostReportService Costs => new(Traces, Reviews, Monitor, ModelCatalog.Default.Currency, Clock);

    public LabelledDataset Labels { get; private set; } = null!;

    public static async Task<ObservabilityHarness> StartAsync(
        LabelledDataset labels,
        Action<QualityOptions>? quality = null,
        Action<AlertRuleOptions>? alerts = null,
        Uri? webhook = null,
        bool recordSensitiveData = false,
        Func<ObservabilityHarness, IWorkflow[]>? moreWorkflows = null,
        IEnumerable<string>? moreSources = null)
    {
        var h = new ObservabilityHarness { Labels = labels };
        h.Store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = h.DatabasePath });
        await h.Store.InitializeAsync(CancellationToken.None);
        h.Reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = h.DatabasePath });
        await h.Reviews.InitializeAsync(CancellationToken.None);
        h.Traces = new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = h.DatabasePath, TimeProvider = h.Clock });
        await h.Traces.InitializeAsync(CancellationToken.None);
        h.QualityStore = new SqliteQualityStore(new SqliteQualityStoreOptions { DatabasePath = h.DatabasePath });
        await h.QualityStore.InitializeAsync(CancellationToken.None);
        h.AlertStore = new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = h.DatabasePath });
        await h.AlertStore.InitializeAsync(CancellationToken.None);

        h.Model = new SimulatedChatClientProvider(new DelegateBehavior(InvoiceReader.Play), new SimulatedChatClientOptions { TimeProvider = h.Clock });
        h.Runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, h.Model), new AgentRuntimeOptions { TimeProvider = h.Clock, RecordSensitiveData = recordSensitiveData });
        var recorderOptions = new TraceRecorderOptions { Store = h.Traces, TimeProvider = h.Clock };
        foreach (var source in moreSources ?? [])
        {
            recorderOptions.Sources.Add(source);
        }

        h.Recorder = new TraceRecorder(recorderOptions);

        var qualityOptions = new QualityOptions
        {
            SampleRate = 0.10,
            GroundTruth = labels,
            Reviews = h.Reviews,
            Traces = h.Traces,
            TimeProvider = h.Clock,
            CostPerError = 25m,
            ReviewCostPerSample = 1.5m,
        };
        quality?.Invoke(qualityOptions);
        h.Monitor = new QualityMonitor(h.QualityStore, qualityOptions);
        h.Engine = new WorkflowEngine(h.Store, [new MonitoredInvoiceWorkflow(h.Runtime, h.Monitor), .. moreWorkflows?.Invoke(h) ?? []], new WorkflowEngineOptions { TimeProvider = h.Clock });

        var ruleOptions = new AlertRuleOptions();
        alerts?.Invoke(ruleOptions);
        var sinks = webhook is null ? [] : new IAlertSink[] { new WebhookAlertSink(h._http, new WebhookAlertSinkOptions { Url = webhook, FirstRetryDelay = TimeSpan.Zero }) };
        h.Alerts = new AlertService(h.AlertStore, AlertRules.Create(ruleOptions, h.Traces, h.Reviews, h.Monitor), sinks, h.Clock);

        // One run at a time: the simulated model's fault dice are numbered by call, so the order is the seed's.
        var worker = new WorkflowWorker(h.Engine, new WorkflowWorkerOptions { WorkerId = "observability", MaxConcurrentRuns = 1, LeaseDuration = TimeSpan.FromDays(3), PollInterval = TimeSpan.FromSeconds(1) });
        h._worker = worker.RunAsync(h._workerStop.Token);
        return h;
    }

    /// <summary>Submits documents and waits (bounded, real time) until each completed or waits for a person.</summary>
    public async Task<IReadOnlyList<RunRecord>> RunAsync(IEnumerable<InvoiceDocument> documents, TimeSpan? tick = null, bool waitForTraces = true)
    {
        // One at a time, so runs reach the simulated model in document order: its fault dice are numbered by
        // call, and runs submitted together would be claimed in run-id order, which is random within a tick.
        var finished = new List<RunRecord>();
        foreach (var document in documents)
        {
            var (run, _) = await Engine.SubmitAsync(MonitoredInvoiceWorkflow.WorkflowName, document, document.DocumentId);
            finished.Add(await SettledAsync(run.RunId, tick));
        }

        foreach (var run in finished.Where(_ => waitForTraces))
        {
            await TracedAsync(run);
        }

        return finished;
    }

    /// <summary>
    /// Waits until the run's trace holds its run span: the run's status is committed a moment before its span
    /// ends, so a reader right after the commit could see the agent spans without the run's.
    /// </summary>
    public async Task TracedAsync(RunRecord run)
    {
        var status = run.Status == RunStatus.DeadLettered ? "dead_lettered" : run.Status.ToString().ToLowerInvariant();
        for (var i = 0; i < 500; i++)
        {
            await Recorder.FlushAsync(CancellationToken.None);
            if ((await Traces.GetRunAsync(run.RunId, CancellationToken.None))?.Status == status)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System);
        }

        throw new TimeoutException($"The trace of {run.RunId} never showed status {status}.");
    }

    /// <summary>Waits until a run completed, failed or waits; with a tick, the fake clock moves between looks (retry back-offs).</summary>
    public async Task<RunRecord> SettledAsync(string runId, TimeSpan? tick = null)
    {
        for (var i = 0; i < 15_000; i++)
        {
            var run = await Store.GetRunAsync(runId, CancellationToken.None);
            if (run?.Status is RunStatus.Completed or RunStatus.Waiting or RunStatus.Failed or RunStatus.DeadLettered)
            {
                return run;
            }

            if (tick is { } t)
            {
                Clock.Advance(t);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }

        throw new TimeoutException($"Run {runId} did not settle.");
    }

    public async ValueTask DisposeAsync()
    {
        await _workerStop.CancelAsync();
        await _worker;
        await Recorder.DisposeAsync();
        Runtime.Dispose();
        _http.Dispose();
        await Store.DisposeAsync();
        _workerStop.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS: the temp folder is cleaned up later.
        }
    }
}
