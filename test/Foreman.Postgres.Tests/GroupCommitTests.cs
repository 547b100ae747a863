using Foreman.Workflows.Storage;
using Npgsql;

namespace Foreman.Postgres.Tests;

/// <summary>Step commits that arrive together share one transaction, and one bad commit does not take the others down.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitTests(PostgresCluster cluster)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentStepCommits_AreGrouped_AndEachIsDurable()
    {
        await using var store = await WorkerGroup.OpenAsync(cluster, cluster.NewSchema());
        var runs = await StartRunsAsync(store, 64);

        var results = await Task.WhenAll(runs.Select(run => Task.Run(() => store.CommitAsync(StepCommit(run, "\"ok\""), CancellationToken.None))));

        results.ShouldAllBe(r => r.Status == CommitStatus.Committed && r.RunStatus == RunStatus.Running);
        results.Select(r => r.Version).ShouldAllBe(v => v == 3);
        store.GroupCommits.Grouped.ShouldBeGreaterThan(0);
        store.GroupCommits.Batches.ShouldBeLessThan(64);
        foreach (var run in runs)
        {
            (await store.GetJournalAsync(run.RunId, CancellationToken.None)).Single().Payload.ShouldBe("\"ok\"");
        }
    }

    [Fact]
    public async Task OneCommitFailsOnTheServer_OnlyItFails_TheOthersInItsBatchCommit()
    {
        await using var store = await WorkerGroup.OpenAsync(cluster, cluster.NewSchema());
        var runs = await StartRunsAsync(store, 32);
        var bad = runs[5].RunId;

        // PostgreSQL text cannot hold a NUL character: the server refuses that statement and rolls back its batch.
        var attempts = runs.Select(run => Task.Run(() => store.CommitAsync(StepCommit(run, run.RunId == bad ? "\"a\0b\"" : "\"ok\""), CancellationToken.None))).ToArray();
        await Should.ThrowAsync<PostgresException>(() => attempts[5]);
        await Task.WhenAll(attempts.Where((_, i) => i != 5));

        for (var i = 0; i < runs.Count; i++)
        {
            var journal = await store.GetJournalAsync(runs[i].RunId, CancellationToken.None);
            if (i == 5)
            {
                journal.ShouldBeEmpty();
                (await store.GetRunAsync(bad, CancellationToken.None))!.Version.ShouldBe(runs[i].Version);
            }
            else
            {
                (await attempts[i]).Status.ShouldBe(CommitStatus.Committed);
                journal.Single().Payload.ShouldBe("\"ok\"");
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(";Max Auto Prepare=10;Auto Prepare Min Usages=1")]
    public async Task AStatementTheServerRefuses_LeavesItsConnectionUsable(string settings)
    {
        // One pooled connection, so every statement after the refused one runs on the connection that refused it.
        // The second case turns on Npgsql's automatic preparation, under which the refused statement is prepared in the
        // same round trip; the store must stay correct when a user opts into it as well.
        var options = new PostgresWorkflowStoreOptions
        {
            ConnectionString = cluster.ConnectionString + ";Maximum Pool Size=1" + settings,
            Schema = cluster.NewSchema(),
            MaxBatchSize = 1,
            ListenForWakeUps = false,
        };
        await using var store = new PostgresWorkflowStore(options);
        await store.InitializeAsync(CancellationToken.None);
        var runs = await StartRunsAsync(store, 3);

        await Should.ThrowAsync<PostgresException>(() => store.CommitAsync(StepCommit(runs[0], "\"a\0b\""), CancellationToken.None));

        for (var i = 0; i < 20; i++)
        {
            (await store.GetRunAsync(runs[1].RunId, CancellationToken.None))!.Version.ShouldBe(runs[1].Version);
            (await store.GetJournalAsync(runs[0].RunId, CancellationToken.None)).ShouldBeEmpty();
        }

        (await store.CommitAsync(StepCommit(runs[0], "\"ok\""), CancellationToken.None)).Status.ShouldBe(CommitStatus.Committed);
        (await store.CommitAsync(StepCommit(runs[2], "\"ok\""), CancellationToken.None)).Status.ShouldBe(CommitStatus.Committed);
        (await store.GetJournalAsync(runs[0].RunId, CancellationToken.None)).Single().Payload.ShouldBe("\"ok\"");
    }

    [Fact]
    public async Task StaleEpochInABatch_IsFencedAlone()
    {
        await using var store = await WorkerGroup.OpenAsync(cluster, cluster.NewSchema());
        var runs = await StartRunsAsync(store, 16);
        var stale = runs[3] with { Epoch = runs[3].Epoch - 1 };

        var results = await Task.WhenAll(runs.Select(run => Task.Run(() => store.CommitAsync(StepCommit(run.RunId == stale.RunId ? stale : run, "\"ok\""), CancellationToken.None))));

        results[3].Status.ShouldBe(CommitStatus.Fenced);
        results.Where((_, i) => i != 3).ShouldAllBe(r => r.Status == CommitStatus.Committed);
        (await store.GetJournalAsync(stale.RunId, CancellationToken.None)).ShouldBeEmpty();
    }

    private static async Task<IReadOnlyList<RunRecord>> StartRunsAsync(IWorkflowStore store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await store.CreateRunAsync(new NewRun($"run-{i:D3}", "orders", "{}", null, null, T0.AddMilliseconds(i)), CancellationToken.None);
        }

        var claimed = await store.ClaimAsync("worker", count, TimeSpan.FromMinutes(5), T0.AddSeconds(1), CancellationToken.None);
        claimed.Count.ShouldBe(count);
        return claimed;
    }

    private static RunCommit StepCommit(RunRecord run, string payload) => new()
    {
        RunId = run.RunId,
        Epoch = run.Epoch,
        At = T0.AddSeconds(2),
        Entries =
        [
            new JournalEntry
            {
                RunId = run.RunId,
                Sequence = 1,
                Key = "1",
                Kind = JournalEntryKind.Step,
                Name = "step-1",
                State = JournalEntryState.Completed,
                Payload = payload,
                Attempts = 1,
                RecordedAt = T0.AddSeconds(2),
            },
        ],
    };
}
