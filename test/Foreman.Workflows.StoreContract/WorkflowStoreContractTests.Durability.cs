using Foreman.Workflows.Storage;

namespace Foreman.Workflows.StoreContract;

/// <summary>Durability across reopening, and several store instances (processes) over one database.</summary>
public abstract partial class WorkflowStoreContractTests
{
    [Fact]
    public async Task Reopen_AfterDispose_EverythingIsThere()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await store.CommitAsync(Commit(run, [Entry(run.RunId, 1), Entry(run.RunId, 2, JournalEntryState.Retrying) with { DueAt = T0.AddMinutes(2) }], businessState: "review"), Ct);
        await store.DeliverEventAsync(run.RunId, "approval", """{"ok":true}""", "key-1", T0, Ct);
        await MoveAsync(store, run, To(RunStatus.Waiting, T0.AddDays(1), ["timeout", "reminder"]));
        var pending = await CreateAsync(store, T0.AddSeconds(9));
        var runBefore = await GetAsync(store, run.RunId);
        var journalBefore = await store.GetJournalAsync(run.RunId, Ct);
        var inboxBefore = await store.GetInboxAsync(run.RunId, Ct);
        await store.DisposeAsync();

        var reopened = await ReopenStoreAsync();

        ShouldBeSameRun(await GetAsync(reopened, run.RunId), runBefore);
        ShouldBeSameRun(await GetAsync(reopened, pending.RunId), pending);
        (await reopened.GetJournalAsync(run.RunId, Ct)).ShouldBe(journalBefore);
        (await reopened.GetInboxAsync(run.RunId, Ct)).ShouldBe(inboxBefore);
        (await reopened.DeliverEventAsync(run.RunId, "approval", "{}", "key-1", T0, Ct)).ShouldBe(DeliveryStatus.Duplicate);
        (await reopened.NextWakeAtAsync(Ct)).ShouldBe(T0.AddDays(1));
    }

    [Fact]
    public async Task TwoStoreInstances_WritesOfOneAreSeenByTheOther()
    {
        var first = await NewStoreAsync();
        var second = await ReopenStoreAsync();
        var run = await StartAsync(first);

        var commit = await second.CommitAsync(Commit(run, [Entry(run.RunId, 1)]), Ct);

        commit.Status.ShouldBe(CommitStatus.Committed);
        (await first.GetJournalAsync(run.RunId, Ct)).Count.ShouldBe(1);
        (await second.CreateRunAsync(Run("other", idempotencyKey: "k"), Ct)).Created.ShouldBeTrue();
        (await first.CreateRunAsync(Run("other-2", idempotencyKey: "k"), Ct)).Run.RunId.ShouldBe("other");
    }

    [Fact]
    public async Task TwoStoreInstances_ConcurrentClaimers_ClaimEachRunExactlyOnce()
    {
        var first = await NewStoreAsync();
        var second = await ReopenStoreAsync();
        for (var i = 0; i < 200; i++)
        {
            await first.CreateRunAsync(Run($"run-{i:D3}", createdAt: T0.AddMilliseconds(i)), Ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var store = worker % 2 == 0 ? first : second;
            var mine = new List<string>();
            while (true)
            {
                var batch = await store.ClaimAsync($"worker-{worker}", 5, Lease, T0.AddMinutes(1), Ct);
                if (batch.Count == 0 || mine.Count > 200)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(r => r.RunId));
            }
        })));

        var all = claims.SelectMany(c => c).ToList();
        all.Count.ShouldBe(200);
        all.Distinct(StringComparer.Ordinal).Count().ShouldBe(200);
    }
}
