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
        _runIds = await LedgerRuns.SubmitAsync(Store, workflows, steps, parallelism: 16);
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
        var (runs, _) = await LedgerRuns.VerifyAsync(Store, _runIds, LedgerPath);
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
