using Foreman.Workflows.Storage;

namespace Foreman.Workflows.StoreContract;

/// <summary>Operator actions: cancel and re-queue.</summary>
public abstract partial class WorkflowStoreContractTests
{
    [Theory]
    [InlineData(RunStatus.Pending)]
    [InlineData(RunStatus.Running)]
    [InlineData(RunStatus.Waiting)]
    [InlineData(RunStatus.DeadLettered)]
    [InlineData(RunStatus.Suspended)]
    public async Task CancelAsync_UnfinishedRun_CancelledWithNextEpoch(RunStatus status)
    {
        var store = await NewStoreAsync();
        var run = await PrepareAsync(store, status);
        var now = T0.AddMinutes(3);

        (await store.CancelAsync(run.RunId, "customer withdrew", now, Ct)).ShouldBe(CommitStatus.Committed);

        var stored = await GetAsync(store, run.RunId);
        stored.Status.ShouldBe(RunStatus.Cancelled);
        stored.Epoch.ShouldBe(run.Epoch + 1);
        stored.Version.ShouldBe(run.Version + 1);
        stored.UpdatedAt.ShouldBe(now);
        stored.Error.ShouldNotBeNull().ShouldContain("customer withdrew");
        stored.LeaseOwner.ShouldBeNull();
        stored.WakeAt.ShouldBeNull();
        stored.WaitingFor.ShouldBeEmpty();
        (await store.ClaimAsync("worker-b", 10, Lease, T0.AddYears(1), Ct)).ShouldBeEmpty();
        (await store.NextWakeAtAsync(Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task CancelAsync_RunningRun_FencesTheWorker()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await store.CancelAsync(run.RunId, "stop", T0.AddSeconds(1), Ct);

        var commit = await store.CommitAsync(Commit(run, [Entry(run.RunId, 1)], To(RunStatus.Completed, output: "1")), Ct);
        var renew = await store.RenewLeaseAsync(run.RunId, run.Epoch, T0.AddHours(1), Ct);

        commit.Status.ShouldBe(CommitStatus.Fenced);
        commit.RunStatus.ShouldBe(RunStatus.Cancelled);
        renew.ShouldBe(CommitStatus.Fenced);
        (await GetAsync(store, run.RunId)).Status.ShouldBe(RunStatus.Cancelled);
        (await store.GetJournalAsync(run.RunId, Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(RunStatus.Completed)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    public async Task CancelAsync_FinishedRun_InvalidTransitionAndNothingChanges(RunStatus status)
    {
        var store = await NewStoreAsync();
        var run = await PrepareAsync(store, status);

        (await store.CancelAsync(run.RunId, "too late", T0.AddMinutes(3), Ct)).ShouldBe(CommitStatus.InvalidTransition);

        ShouldBeSameRun(await GetAsync(store, run.RunId), run);
    }

    [Fact]
    public async Task CancelAsync_UnknownRun_NotFound()
    {
        var store = await NewStoreAsync();

        (await store.CancelAsync("missing", "why", T0, Ct)).ShouldBe(CommitStatus.NotFound);
    }

    [Theory]
    [InlineData(RunStatus.DeadLettered)]
    [InlineData(RunStatus.Suspended)]
    public async Task RequeueAsync_StoppedRun_PendingWithFailedEntriesRemovedAndCompletedKept(RunStatus status)
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        var kept = new[] { Entry(run.RunId, 1), Entry(run.RunId, 3, JournalEntryState.Retrying) with { DueAt = T0.AddMinutes(1) } };
        await store.CommitAsync(Commit(run, [kept[0], Entry(run.RunId, 2, JournalEntryState.Failed, """{"kind":"x","message":"boom"}"""), kept[1]]), Ct);
        var stopped = await MoveAsync(store, run, To(status, error: """{"kind":"x","message":"boom"}"""));
        var now = T0.AddHours(1);

        (await store.RequeueAsync(run.RunId, now, Ct)).ShouldBe(CommitStatus.Committed);

        var stored = await GetAsync(store, run.RunId);
        stored.Status.ShouldBe(RunStatus.Pending);
        stored.Version.ShouldBe(stopped.Version + 1);
        stored.Error.ShouldBeNull();
        stored.UpdatedAt.ShouldBe(now);
        (await store.GetJournalAsync(run.RunId, Ct)).ShouldBe(kept);
        var claimed = (await store.ClaimAsync("worker-b", 1, Lease, now, Ct)).ShouldHaveSingleItem();
        claimed.RunId.ShouldBe(run.RunId);
        claimed.Epoch.ShouldBe(run.Epoch + 1);
    }

    [Theory]
    [InlineData(RunStatus.Pending)]
    [InlineData(RunStatus.Running)]
    [InlineData(RunStatus.Waiting)]
    [InlineData(RunStatus.Completed)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    public async Task RequeueAsync_RunNotStopped_InvalidTransitionAndNothingChanges(RunStatus status)
    {
        var store = await NewStoreAsync();
        var run = await PrepareAsync(store, status);

        (await store.RequeueAsync(run.RunId, T0.AddHours(1), Ct)).ShouldBe(CommitStatus.InvalidTransition);

        ShouldBeSameRun(await GetAsync(store, run.RunId), run);
    }

    [Fact]
    public async Task RequeueAsync_UnknownRun_NotFound()
    {
        var store = await NewStoreAsync();

        (await store.RequeueAsync("missing", T0, Ct)).ShouldBe(CommitStatus.NotFound);
    }

    [Fact]
    public async Task NextWakeAtAsync_NoTimers_ReturnsNull()
    {
        var store = await NewStoreAsync();
        var waiting = await StartAsync(store);
        await MoveAsync(store, waiting, To(RunStatus.Waiting, waitingFor: ["approval"]));
        await CreateAsync(store);

        (await store.NextWakeAtAsync(Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task NextWakeAtAsync_WaitingRuns_ReturnsEarliestWakeAt()
    {
        var store = await NewStoreAsync();
        foreach (var minutes in new[] { 30, 10, 20 })
        {
            var run = await StartAsync(store);
            await MoveAsync(store, run, To(RunStatus.Waiting, wakeAt: T0.AddMinutes(minutes)));
        }

        (await store.NextWakeAtAsync(Ct)).ShouldBe(T0.AddMinutes(10));

        // Once the earliest is claimed (it is running now), the next one counts.
        (await store.ClaimAsync("worker-b", 1, Lease, T0.AddMinutes(10), Ct)).Count.ShouldBe(1);
        (await store.NextWakeAtAsync(Ct)).ShouldBe(T0.AddMinutes(20));
    }

    /// <summary>Brings a fresh run (claimed by worker-a at T0 when it got that far) to <paramref name="status"/>.</summary>
    private async Task<RunRecord> PrepareAsync(IWorkflowStore store, RunStatus status)
    {
        if (status == RunStatus.Pending)
        {
            return await CreateAsync(store);
        }

        var run = await StartAsync(store);
        if (status != RunStatus.Running)
        {
            await MoveAsync(store, run, To(status, wakeAt: status == RunStatus.Waiting ? T0.AddMinutes(30) : null, output: "1", error: """{"kind":"x","message":"y"}"""));
        }

        return await GetAsync(store, run.RunId);
    }
}
