using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Agents;
using Foreman.Models;
using Foreman.Quality;
using Foreman.Samples.Invoices;
using Foreman.Samples.Workflows;
using Foreman.Server.Auth;
using Foreman.Server.Workflows;
using Foreman.Sqlite;
using Foreman.Testing;
using Foreman.Workflows;

namespace Foreman.Server.Tests;

/// <summary>
/// A real server for a test: SQLite stores in a temp folder, the sample workflows on the simulated model, a worker,
/// a loopback port picked by the OS, and one API key per role.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<ModelTier, string> SimulatedTiers = new Dictionary<ModelTier, string>
    {
        [ModelTier.Fast] = "simulated-fast",
        [ModelTier.Standard] = "simulated-standard",
        [ModelTier.Premium] = "simulated-premium",
    };

    private readonly AgentRuntime _runtime;
    private readonly IReadOnlyList<IWorkflow> _workflows;
    private readonly ForemanServerOptions _options;

    private ServerHarness(string folder, SqliteWorkflowStore store, SqliteReviewStore reviews, SqliteApiKeyStore keys, SqliteSessionStore sessions, AgentRuntime runtime, IReadOnlyList<IWorkflow> workflows, ForemanServerOptions options, ForemanServerHost host, Dictionary<Role, CreatedApiKey> roleKeys)
    {
        Folder = folder;
        Store = store;
        Reviews = reviews;
        Keys = keys;
        Sessions = sessions;
        _runtime = runtime;
        _workflows = workflows;
        _options = options;
        Host = host;
        RoleKeys = roleKeys;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "foreman.db");

    public SqliteWorkflowStore Store { get; }

    public SqliteReviewStore Reviews { get; }

    public SqliteApiKeyStore Keys { get; }

    /// <summary>Gets the dashboard sessions, in the same file (as <c>foreman serve</c> keeps them).</summary>
    public SqliteSessionStore Sessions { get; }

    public ForemanServerHost Host { get; private set; }

    public Uri Address => Host.Address;

    public Dictionary<Role, CreatedApiKey> RoleKeys { get; }

    public static async Task<ServerHarness> StartAsync(Action<ForemanServerOptions>? configure = null, bool worker = true, IEnumerable<IWorkflow>? extraWorkflows = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "foreman-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "foreman.db");
        var store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = path });
        await store.InitializeAsync(CancellationToken.None);
        var reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = path });
        await reviews.InitializeAsync(CancellationToken.None);
        var keys = new SqliteApiKeyStore(path);
        await keys.InitializeAsync(CancellationToken.None);
        var roleKeys = new Dictionary<Role, CreatedApiKey>();
        foreach (var role in Roles.All)
        {
            roleKeys[role] = await keys.CreateAsync($"test-{Roles.Name(role)}", role, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        }

        var sessions = new SqliteSessionStore(path);
        await sessions.InitializeAsync(CancellationToken.None);
        var traces = new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = path });
        await traces.InitializeAsync(CancellationToken.None);
        var alerts = new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = path });
        await alerts.InitializeAsync(CancellationToken.None);
        var quality = new SqliteQualityStore(new SqliteQualityStoreOptions { DatabasePath = path });
        await quality.InitializeAsync(CancellationToken.None);
        var runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, new SimulatedChatClientProvider(new DelegateBehavior(InvoiceExtractor.Sample.SimulatedBehavior)), SimulatedTiers));
        var options = new ForemanServerOptions
        {
            Url = "http://127.0.0.1:0",
            MetricsInterval = TimeSpan.FromMilliseconds(250),
            Worker = worker ? new WorkflowWorkerOptions { MaxConcurrentRuns = 16, PollInterval = TimeSpan.FromMilliseconds(200) } : null,
            ConfigureLogging = _ => { },
            TraceStore = traces,
            AlertStore = alerts,
            QualityMonitor = new QualityMonitor(quality),
            AlertInterval = TimeSpan.FromMilliseconds(500),
            SessionStore = sessions,
        };
        foreach (var sample in SampleWorkflows.All)
        {
            options.WorkflowDescriptions.Add(new WorkflowDescription(sample.Name, sample.Description, sample.ExampleInput));
        }

        configure?.Invoke(options);
        IReadOnlyList<IWorkflow> workflows = [.. SampleWorkflows.Create(runtime, new InMemoryInvoiceLedger(), reviews), .. extraWorkflows ?? []];
        var host = await ForemanServerHost.StartAsync(store, reviews, keys, workflows, options, CancellationToken.None);
        return new ServerHarness(folder, store, reviews, keys, sessions, runtime, workflows, options, host, roleKeys);
    }

    /// <summary>Stops the server and starts a new one on the same database (on a new port).</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await ForemanServerHost.StartAsync(Store, Reviews, Keys, _workflows, _options, CancellationToken.None);
    }

    public HttpClient Client(Role? role = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (role is { } r)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RoleKeys[r].Secret);
        }

        return client;
    }

    /// <summary>Submits a run through the API and returns its id.</summary>
    public async Task<string> SubmitAsync(string workflow, object input, string? idempotencyKey = null)
    {
        using var client = Client(Role.Submitter);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { workflow, input }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonNode.Parse(body)!["run"]!["run_id"]!.GetValue<string>();
    }

    /// <summary>Polls a run until it has <paramref name="status"/> (bounded).</summary>
    public async Task<JsonNode> WaitForStatusAsync(string runId, string status, TimeSpan? timeout = null)
    {
        using var client = Client(Role.Submitter);
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var run = JsonNode.Parse(await client.GetStringAsync($"/api/runs/{runId}"))!;
            if (run["status"]!.GetValue<string>() == status)
            {
                return run;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Run {runId} is {run["status"]}, not {status}: {run.ToJsonString()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    /// <summary>Waits until the run has a pending review item and returns its id.</summary>
    public async Task<string> WaitForReviewAsync(string runId)
    {
        await WaitForStatusAsync(runId, "waiting");
        var items = await Reviews.ListAsync(new Foreman.Reviews.ReviewQuery(Foreman.Reviews.ReviewStatus.Pending, RunId: runId), CancellationToken.None);
        return items.Single().ItemId;
    }

    public static object RefundInput(string orderId = "B-3107") => new { orderId, customerMessage = "It arrived broken." };

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _runtime.Dispose();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }
}
