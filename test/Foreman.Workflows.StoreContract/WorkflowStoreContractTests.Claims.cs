using Foreman.Workflows.Storage;

namespace Foreman.Workflows.StoreContract;

/// <summary>Claiming runs, leases and fencing epochs.</summary>
public abstract partial class WorkflowStoreContractTests
{
    [Fact]
    public async Task ClaimAsync_PendingRun_ReturnsItRunningWithLeaseAndNextEpoch()
    {
        var store = await NewStoreAsync();
        var run = await CreateAsync(store);
        var now = T0.AddSeconds(2);

        var claimed = await store.ClaimAsync("worker-a", 10, Lease, now, Ct);

        var only = claimed.ShouldHaveSingleItem();
        only.RunId.ShouldBe(run.RunId);
        only.Status.ShouldBe(RunStatus.Running);
        only.Epoch.ShouldBe(1);
        only.Version.ShouldBe(2);
        only.Claims.ShouldBe(1);
        only.LeaseOwner.ShouldBe("worker-a");
        only.LeaseExpiresAt.ShouldBe(now + Lease);
        only.UpdatedAt.ShouldBe(now);
        ShouldBeSameRun(await GetAsync(store, run.RunId), only);
    }

    [Fact]
    public async Task ClaimAsync_NothingReady_ReturnsEmpty()
    {
        var store = await NewStoreAsync();

        (await store.ClaimAsync("worker-a", 10, Lease, T0, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ClaimAsync_RunningWithLiveLease_IsNotClaimedAgain()
    {
        var store = await NewStoreAsync();
        await StartAsync(store);

        (await store.ClaimAsync("worker-b", 10, Lease, T0 + Lease - TimeSpan.FromMilliseconds(1), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ClaimAsync_ExpiredLease_ReclaimedWithNextEpoch()
    {
        var store = await NewStoreAsync();
        var first = await StartAsync(store);
        var later = T0 + Lease;

        var claimed = await store.ClaimAsync("worker-b", 10, Lease, later, Ct);

        var again = claimed.ShouldHaveSingleItem();
        again.RunId.ShouldBe(first.RunId);
        again.Epoch.ShouldBe(first.Epoch + 1);
        again.Claims.ShouldBe(2);
        again.LeaseOwner.ShouldBe("worker-b");
        again.LeaseExpiresAt.ShouldBe(later + Lease);
    }

    [Fact]
    public async Task ClaimAsync_WaitingRun_ClaimedOnlyOnceDue()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        var wakeAt = T0.AddMinutes(10);
        await MoveAsync(store, run, To(RunStatus.Waiting, wakeAt: wakeAt, waitingFor: ["approval"]));

        (await store.ClaimAsync("worker-a", 10, Lease, wakeAt.AddMilliseconds(-1), Ct)).ShouldBeEmpty();
        var claimed = await store.ClaimAsync("worker-a", 10, Lease, wakeAt, Ct);

        var due = claimed.ShouldHaveSingleItem();
        due.RunId.ShouldBe(run.RunId);
        due.Status.ShouldBe(RunStatus.Running);
        due.Epoch.ShouldBe(2);
        due.WakeAt.ShouldBeNull();
        due.WaitingFor.ShouldBeEmpty();
    }

    [Fact]
    public async Task ClaimAsync_WaitingForEventsOnly_IsNeverDue()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await MoveAsync(store, run, To(RunStatus.Waiting, waitingFor: ["approval"]));

        (await store.ClaimAsync("worker-a", 10, Lease, T0.AddYears(10), Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(RunStatus.Completed)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    [InlineData(RunStatus.DeadLettered)]
    [InlineData(RunStatus.Suspended)]
    public async Task ClaimAsync_RunsThatNoWorkerShouldTake_AreNotClaimed(RunStatus status)
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await MoveAsync(store, run, To(status, output: "1", error: """{"kind":"x","message":"y"}"""));

        (await store.ClaimAsync("worker-a", 10, Lease, T0.AddYears(1), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ClaimAsync_MaxRuns_ClaimsAtMostThatMany()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(store, T0.AddSeconds(i));
        }

        (await store.ClaimAsync("worker-a", 3, Lease, T0.AddMinutes(1), Ct)).Count.ShouldBe(3);
        (await store.ClaimAsync("worker-a", 3, Lease, T0.AddMinutes(1), Ct)).Count.ShouldBe(2);
        (await store.ClaimAsync("worker-a", 3, Lease, T0.AddMinutes(1), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ClaimAsync_PendingRuns_OldestFirst()
    {
        var store = await NewStoreAsync();
        var second = await CreateAsync(store, T0.AddSeconds(2));
        var first = await CreateAsync(store, T0.AddSeconds(1));
        var third = await CreateAsync(store, T0.AddSeconds(3));

        var claimed = await store.ClaimAsync("worker-a", 3, Lease, T0.AddMinutes(1), Ct);

        claimed.Select(r => r.RunId).ShouldBe([first.RunId, second.RunId, third.RunId]);
    }

    [Fact]
    public async Task ClaimAsync_PendingWaitingAndExpired_OldestDueFirst()
    {
        var store = await NewStoreAsync();

        // Due at T0+3s: a lease that expires then.
        var expired = await StartAsync(store, T0, lease: TimeSpan.FromSeconds(3));

        // Due at T0+1s: a timer.
        var timer = await StartAsync(store, T0);
        await MoveAsync(store, timer, To(RunStatus.Waiting, wakeAt: T0.AddSeconds(1)), T0);

        // Due at T0+2s: pending since then.
        var pending = await CreateAsync(store, T0.AddSeconds(2));
        var now = T0.AddMinutes(1);

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            order.Add((await store.ClaimAsync("worker-b", 1, Lease, now, Ct)).ShouldHaveSingleItem().RunId);
        }

        order.ShouldBe([timer.RunId, pending.RunId, expired.RunId]);
    }

    [Fact]
    public async Task ClaimAsync_EightConcurrentClaimersOver500Runs_ClaimEachRunExactlyOnce()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 500; i++)
        {
            await store.CreateRunAsync(Run($"run-{i:D3}", createdAt: T0.AddMilliseconds(i)), Ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var mine = new List<RunRecord>();
            while (true)
            {
                var batch = await store.ClaimAsync($"worker-{worker}", 7, Lease, T0.AddMinutes(1), Ct);

                // More than exist means runs were handed out twice: stop and let the assertions say so.
                if (batch.Count == 0 || mine.Count > 500)
                {
                    return mine;
                }

                mine.AddRange(batch);
            }
        })));

        var all = claims.SelectMany(c => c).ToList();
        all.Count.ShouldBe(500);
        all.Select(r => r.RunId).Distinct(StringComparer.Ordinal).Count().ShouldBe(500);
        all.ShouldAllBe(r => r.Epoch == 1 && r.Claims == 1);
    }

    [Fact]
    public async Task RenewLeaseAsync_CurrentEpoch_ExtendsLease()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        var extended = T0 + Lease + Lease;

        (await store.RenewLeaseAsync(run.RunId, run.Epoch, extended, Ct)).ShouldBe(CommitStatus.Committed);

        var stored = await GetAsync(store, run.RunId);
        stored.LeaseExpiresAt.ShouldBe(extended);
        stored.Version.ShouldBe(run.Version + 1);
        stored.Epoch.ShouldBe(run.Epoch);
        (await store.ClaimAsync("worker-b", 10, Lease, T0 + Lease, Ct)).ShouldBeEmpty();
        (await store.ClaimAsync("worker-b", 10, Lease, extended, Ct)).ShouldHaveSingleItem().RunId.ShouldBe(run.RunId);
    }

    [Fact]
    public async Task RenewLeaseAsync_OldEpoch_FencedAndLeaseUnchanged()
    {
        var store = await NewStoreAsync();
        var first = await StartAsync(store);
        var second = (await store.ClaimAsync("worker-b", 1, Lease, T0 + Lease, Ct)).ShouldHaveSingleItem();

        (await store.RenewLeaseAsync(first.RunId, first.Epoch, T0.AddHours(1), Ct)).ShouldBe(CommitStatus.Fenced);

        var stored = await GetAsync(store, first.RunId);
        ShouldBeSameRun(stored, second);
    }

    [Fact]
    public async Task RenewLeaseAsync_RunNoLongerRunning_Fenced()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await MoveAsync(store, run, To(RunStatus.Waiting, waitingFor: ["approval"]));

        (await store.RenewLeaseAsync(run.RunId, run.Epoch, T0.AddHours(1), Ct)).ShouldBe(CommitStatus.Fenced);

        (await GetAsync(store, run.RunId)).LeaseExpiresAt.ShouldBeNull();
    }

    [Fact]
    public async Task RenewLeaseAsync_UnknownRun_NotFound()
    {
        var store = await NewStoreAsync();

        (await store.RenewLeaseAsync("missing", 1, T0, Ct)).ShouldBe(CommitStatus.NotFound);
    }
}
