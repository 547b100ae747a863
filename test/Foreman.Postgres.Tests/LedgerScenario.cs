using System.Globalization;
using System.Text.Json;
using Foreman.CrashHost;
using Foreman.CrashTests;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Postgres.Tests;

/// <summary>
/// The ledger workflows of the crash host on one PostgreSQL schema: submits them, starts host processes against them,
/// and checks the outcome (every run completed with its reference output, one ledger entry per step, none twice).
/// </summary>
internal sealed class LedgerScenario : IAsyncDisposable
{
    private readonly PostgresCluster _cluster;
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-pg-ledger-").FullName;
    private string[] _runIds = [];

    private LedgerScenario(PostgresCluster cluster, PostgresWorkflowStore store, string schema)
    {
        _cluster = cluster;
        Store = store;
        Schema = schema;
    }

    public PostgresWorkflowStore Store { get; }

    public string Schema { get; }

    public string LedgerPath => Path.Combine(_folder, "ledger.db");

    public static async Task<LedgerScenario> CreateAsync(PostgresCluster cluster) =>
        new(cluster, await WorkerGroup.OpenAsync(cluster, cluster.NewSchema() is var schema ? schema : throw new InvalidOperationException()), schema);

    public async Task SubmitAsync(int workflows, int steps)
    {
        var engine = new WorkflowEngine(Store, [new SubmitOnlyWorkflow(LedgerWorkflow.WorkflowName)]);
        _runIds = new string[workflows];
        await Parallel.ForAsync(0, workflows, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var (run, _) = await engine.SubmitAsync(LedgerWorkflow.WorkflowName, new LedgerInput(i, steps), $"ledger-{i}", ct);
            _runIds[i] = run.RunId;
        });
    }

    public HostProcess StartHost(int leaseMs, int effectDelayMs, bool exitWhenDone = false, int concurrency = 8) => HostProcess.Start(
    [
        "--store", "postgres", "--connection", _cluster.ConnectionString, "--schema", Schema, "--ledger", LedgerPath,
        "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--lease-ms", leaseMs.ToString(CultureInfo.InvariantCulture),
        "--poll-ms", "200", "--effect-delay-ms", effectDelayMs.ToString(CultureInfo.InvariantCulture), .. exitWhenDone ? ["--exit-when-done"] : Array.Empty<string>(),
    ]);

    /// <summary>Checks the end state and returns the runs.</summary>
    public async Task<IReadOnlyList<RunRecord>> VerifyAsync()
    {
        var runs = await Store.ListRunsAsync(new RunQuery { Limit = _runIds.Length + 100 }, CancellationToken.None);
        runs.Count.ShouldBe(_runIds.Length);
        runs.Where(r => r.Status != RunStatus.Completed).Select(r => $"{r.RunId} {r.Status} {r.Error}").ShouldBeEmpty();
        foreach (var run in runs)
        {
            var input = JsonSerializer.Deserialize<LedgerInput>(run.Input, WorkflowJson.DefaultOptions)!;
            var actual = JsonSerializer.Deserialize<LedgerOutput>(run.Output!, WorkflowJson.DefaultOptions)!;
            var expected = LedgerWorkflow.Reference(input);
            actual.Total.ShouldBe(expected.Total, run.RunId);
            actual.Amounts.ShouldBe(expected.Amounts, run.RunId);
        }

        var ledger = LedgerTotals.Read(LedgerPath);
        var steps = runs.Sum(r => JsonSerializer.Deserialize<LedgerInput>(r.Input, WorkflowJson.DefaultOptions)!.Steps);
        ledger.Entries.Count.ShouldBe(steps);
        ledger.Entries.GroupBy(e => (e.Workflow, e.Step)).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        foreach (var entry in ledger.Entries)
        {
            entry.Key.ShouldBe($"{_runIds[entry.Workflow]}:{entry.Step}");
        }

        return runs;
    }

    public long Replays() => LedgerTotals.Read(LedgerPath).Replays;

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A host still closing the ledger: the temporary folder is cleaned up later.
        }
    }
}
