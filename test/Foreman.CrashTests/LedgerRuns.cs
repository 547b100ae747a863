using System.Text.Json;
using Foreman.CrashHost;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.CrashTests;

/// <summary>
/// The ledger workflows a crash test submits and the end state it demands, shared by the SQLite worker-kill test and
/// the PostgreSQL scenarios: every run completed with its reference output, one ledger entry per step under the
/// step's own idempotency key, none booked twice.
/// </summary>
internal static class LedgerRuns
{
    /// <summary>Submits one ledger workflow per index (idempotency key <c>ledger-{i}</c>) and returns the run ids by index.</summary>
    public static async Task<string[]> SubmitAsync(IWorkflowStore store, int workflows, int steps, int parallelism)
    {
        var engine = new WorkflowEngine(store, [new SubmitOnlyWorkflow(LedgerWorkflow.WorkflowName)]);
        var runIds = new string[workflows];
        await Parallel.ForAsync(0, workflows, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            var (run, _) = await engine.SubmitAsync(LedgerWorkflow.WorkflowName, new LedgerInput(i, steps), $"ledger-{i}", ct);
            runIds[i] = run.RunId;
        });
        return runIds;
    }

    /// <summary>Asserts the end state and returns the runs and the ledger for the test's report.</summary>
    public static async Task<(IReadOnlyList<RunRecord> Runs, LedgerTotals Ledger)> VerifyAsync(IWorkflowStore store, string[] runIds, string ledgerPath)
    {
        // No run lost, every run completed with the reference output.
        var runs = await store.ListRunsAsync(new RunQuery { Limit = runIds.Length + 100 }, CancellationToken.None);
        runs.Count.ShouldBe(runIds.Length);
        runs.Where(r => r.Status != RunStatus.Completed).Select(r => $"{r.RunId} {r.Status} {r.Error}").ShouldBeEmpty();
        foreach (var run in runs)
        {
            var input = JsonSerializer.Deserialize<LedgerInput>(run.Input, WorkflowJson.DefaultOptions)!;
            var actual = JsonSerializer.Deserialize<LedgerOutput>(run.Output!, WorkflowJson.DefaultOptions)!;
            var expected = LedgerWorkflow.Reference(input);
            actual.Total.ShouldBe(expected.Total, run.RunId);
            actual.Amounts.ShouldBe(expected.Amounts, run.RunId);
        }

        // Exactly one ledger entry per workflow step, under the step's own idempotency key, none booked twice.
        var ledger = LedgerTotals.Read(ledgerPath);
        var steps = runs.Sum(r => JsonSerializer.Deserialize<LedgerInput>(r.Input, WorkflowJson.DefaultOptions)!.Steps);
        ledger.Entries.Count.ShouldBe(steps);
        ledger.Entries.GroupBy(e => (e.Workflow, e.Step)).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        foreach (var entry in ledger.Entries)
        {
            entry.Key.ShouldBe($"{runIds[entry.Workflow]}:{entry.Step}");
            entry.Amount.ShouldBe(LedgerWorkflow.Amount(entry.Workflow, entry.Step));
        }

        return (runs, ledger);
    }
}
