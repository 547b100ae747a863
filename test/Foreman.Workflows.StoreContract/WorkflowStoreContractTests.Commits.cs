using Foreman.Workflows.Storage;

namespace Foreman.Workflows.StoreContract;

/// <summary>Commits: journal entries, consumed events, business state, transitions, fencing and atomicity.</summary>
public abstract partial class WorkflowStoreContractTests
{
    [Fact]
    public async Task CommitAsync_Entries_StoredAndReturnedBySequence()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        var timer = Entry(run.RunId, 2, JournalEntryState.Pending, payload: null, kind: JournalEntryKind.Timer) with { Key = "2/1", DueAt = T0.AddHours(1) };
        var entries = new[] { Entry(run.RunId, 3), timer, Entry(run.RunId, 1) };

        var result = await store.CommitAsync(Commit(run, entries), Ct);

        result.Status.ShouldBe(CommitStatus.Committed);
        result.IsCommitted.ShouldBeTrue();
        result.RunStatus.ShouldBe(RunStatus.Running);
        var journal = await store.GetJournalAsync(run.RunId, Ct);
        journal.Select(e => e.Sequence).ShouldBe([1, 2, 3]);
        journal[1].ShouldBe(timer);
        journal[0].ShouldBe(entries[2]);
    }

    [Fact]
    public async Task CommitAsync_ExistingSequence_ReplacesEntry()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        var retrying = Entry(run.RunId, 1, JournalEntryState.Retrying, """{"kind":"timeout","message":"slow"}""") with { DueAt = T0.AddSeconds(30) };
        await store.CommitAsync(Commit(run, [retrying, Entry(run.RunId, 2)]), Ct);
        var done = Entry(run.RunId, 1, JournalEntryState.Completed, "42", T0.AddSeconds(31)) with { Attempts = 3 };

        await store.CommitAsync(Commit(run, [done], at: T0.AddSeconds(31)), Ct);

        var journal = await store.GetJournalAsync(run.RunId, Ct);
        journal.Count.ShouldBe(2);
        journal[0].ShouldBe(done);
        journal[0].DueAt.ShouldBeNull();
    }

    [Fact]
    public async Task CommitAsync_ConsumedEvents_LeaveTheInbox()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await store.DeliverEventAsync(run.RunId, name, "{}", null, T0, Ct);
        }

        var inbox = await store.GetInboxAsync(run.RunId, Ct);

        await store.CommitAsync(Commit(run, consumed: [inbox[0].Id, inbox[2].Id]), Ct);

        (await store.GetInboxAsync(run.RunId, Ct)).Select(e => e.Name).ShouldBe(["b"]);
    }

    [Fact]
    public async Task CommitAsync_BusinessState_SetAndKeptWhenNull()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);

        await store.CommitAsync(Commit(run, businessState: "approved"), Ct);
        await store.CommitAsync(Commit(run, [Entry(run.RunId, 1)]), Ct);

        (await GetAsync(store, run.RunId)).BusinessState.ShouldBe("approved");
        await store.CommitAsync(Commit(run, businessState: "shipped"), Ct);
        (await GetAsync(store, run.RunId)).BusinessState.ShouldBe("shipped");
    }

    [Fact]
    public async Task CommitAsync_EveryCommit_IncrementsVersionAndSetsUpdatedAt()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        var version = run.Version;

        for (var i = 1; i <= 3; i++)
        {
            var at = T0.AddSeconds(i);
            var result = await store.CommitAsync(Commit(run, [Entry(run.RunId, i)], at: at), Ct);

            result.Version.ShouldBe(version + i);
            var stored = await GetAsync(store, run.RunId);
            stored.Version.ShouldBe(result.Version);
            stored.UpdatedAt.ShouldBe(at);
        }
    }

    [Fact]
    public async Task CommitAsync_StaleEpochAfterAnotherClaim_FencedAndWritesNothing()
    {
        var store = await NewStoreAsync();
        var stale = await StartAsync(store);
        await store.CommitAsync(Commit(stale, [Entry(stale.RunId, 1)], businessState: "one"), Ct);
        await store.DeliverEventAsync(stale.RunId, "approval", "{}", null, T0, Ct);
        var eventId = (await store.GetInboxAsync(stale.RunId, Ct))[0].Id;
        var current = (await store.ClaimAsync("worker-b", 1, Lease, T0 + Lease, Ct)).ShouldHaveSingleItem();
        var journalBefore = await store.GetJournalAsync(stale.RunId, Ct);

        var result = await store.CommitAsync(
            Commit(stale, [Entry(stale.RunId, 1, payload: "\"overwritten\""), Entry(stale.RunId, 2)], To(RunStatus.Completed, output: "1"), [eventId], "two"),
            Ct);

        result.Status.ShouldBe(CommitStatus.Fenced);
        result.IsCommitted.ShouldBeFalse();
        result.Version.ShouldBe(current.Version);
        result.RunStatus.ShouldBe(RunStatus.Running);
        ShouldBeSameRun(await GetAsync(store, stale.RunId), current);
        (await store.GetJournalAsync(stale.RunId, Ct)).ShouldBe(journalBefore);
        (await store.GetInboxAsync(stale.RunId, Ct)).ShouldHaveSingleItem().Id.ShouldBe(eventId);
    }

    [Fact]
    public async Task CommitAsync_RunNeverClaimed_InvalidTransitionAndWritesNothing()
    {
        var store = await NewStoreAsync();
        var run = await CreateAsync(store);
        await store.DeliverEventAsync(run.RunId, "approval", "{}", null, T0, Ct);
        var eventId = (await store.GetInboxAsync(run.RunId, Ct))[0].Id;

        var result = await store.CommitAsync(Commit(run, [Entry(run.RunId, 1)], To(RunStatus.Completed, output: "1"), [eventId], "done"), Ct);

        result.Status.ShouldBe(CommitStatus.InvalidTransition);
        result.Version.ShouldBe(run.Version);
        result.RunStatus.ShouldBe(RunStatus.Pending);
        ShouldBeSameRun(await GetAsync(store, run.RunId), run);
        (await store.GetJournalAsync(run.RunId, Ct)).ShouldBeEmpty();
        (await store.GetInboxAsync(run.RunId, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CommitAsync_AfterCompletion_InvalidTransitionAndWritesNothing()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await MoveAsync(store, run, To(RunStatus.Completed, output: "1"));
        var completed = await GetAsync(store, run.RunId);

        var result = await store.CommitAsync(Commit(run, [Entry(run.RunId, 9)], To(RunStatus.Failed, error: "{}")), Ct);

        result.Status.ShouldBe(CommitStatus.InvalidTransition);
        result.RunStatus.ShouldBe(RunStatus.Completed);
        ShouldBeSameRun(await GetAsync(store, run.RunId), completed);
        (await store.GetJournalAsync(run.RunId, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CommitAsync_UnknownRun_NotFound()
    {
        var store = await NewStoreAsync();

        var result = await store.CommitAsync(new RunCommit { RunId = "missing", Epoch = 1, At = T0 }, Ct);

        result.Status.ShouldBe(CommitStatus.NotFound);
        result.Version.ShouldBe(0);
    }

    [Fact]
    public async Task CommitAsync_Completed_StoresOutputAndReleasesTheRun()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);

        var result = await store.CommitAsync(Commit(run, [Entry(run.RunId, 1)], To(RunStatus.Completed, output: """{"total":12}"""), businessState: "done"), Ct);

        result.RunStatus.ShouldBe(RunStatus.Completed);
        var stored = await GetAsync(store, run.RunId);
        stored.Status.ShouldBe(RunStatus.Completed);
        stored.Output.ShouldBe("""{"total":12}""");
        stored.BusinessState.ShouldBe("done");
        stored.LeaseOwner.ShouldBeNull();
        stored.LeaseExpiresAt.ShouldBeNull();
        stored.Epoch.ShouldBe(run.Epoch);
        (await store.GetJournalAsync(run.RunId, Ct)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.DeadLettered)]
    [InlineData(RunStatus.Suspended)]
    public async Task CommitAsync_FailureStatus_StoresError(RunStatus status)
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        const string error = """{"kind":"step_failed","message":"boom","step":"charge","sequence":1,"attempts":3}""";

        await MoveAsync(store, run, To(status, error: error));

        var stored = await GetAsync(store, run.RunId);
        stored.Status.ShouldBe(status);
        stored.Error.ShouldBe(error);
        stored.Output.ShouldBeNull();
        stored.LeaseOwner.ShouldBeNull();
    }

    [Fact]
    public async Task CommitAsync_Waiting_StoresWakeAtAndWaitingForAndReleasesLease()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        var wakeAt = T0.AddDays(7);

        var result = await store.CommitAsync(Commit(run, transition: To(RunStatus.Waiting, wakeAt, ["approval", "child:run-x"])), Ct);

        result.RunStatus.ShouldBe(RunStatus.Waiting);
        var stored = await GetAsync(store, run.RunId);
        stored.Status.ShouldBe(RunStatus.Waiting);
        stored.WakeAt.ShouldBe(wakeAt);
        stored.WaitingFor.ShouldBe(["approval", "child:run-x"]);
        stored.LeaseOwner.ShouldBeNull();
        stored.LeaseExpiresAt.ShouldBeNull();
    }

    [Fact]
    public async Task CommitAsync_WaitingWhileMatchingEventInInbox_BecomesPending()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await store.DeliverEventAsync(run.RunId, "approval", """{"ok":true}""", null, T0, Ct);

        var result = await store.CommitAsync(Commit(run, transition: To(RunStatus.Waiting, T0.AddDays(1), ["approval"])), Ct);

        result.Status.ShouldBe(CommitStatus.Committed);
        result.RunStatus.ShouldBe(RunStatus.Pending);
        var stored = await GetAsync(store, run.RunId);
        stored.Status.ShouldBe(RunStatus.Pending);
        stored.WakeAt.ShouldBeNull();
        stored.WaitingFor.ShouldBeEmpty();
        (await store.ClaimAsync("worker-b", 1, Lease, T0.AddSeconds(2), Ct)).ShouldHaveSingleItem().RunId.ShouldBe(run.RunId);
    }

    [Fact]
    public async Task CommitAsync_WaitingForEventConsumedInTheSameCommit_StaysWaiting()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await store.DeliverEventAsync(run.RunId, "approval", "{}", null, T0, Ct);
        var first = (await store.GetInboxAsync(run.RunId, Ct))[0];

        var result = await store.CommitAsync(Commit(run, transition: To(RunStatus.Waiting, waitingFor: ["approval"]), consumed: [first.Id]), Ct);

        result.RunStatus.ShouldBe(RunStatus.Waiting);
        (await GetAsync(store, run.RunId)).Status.ShouldBe(RunStatus.Waiting);
    }

    [Fact]
    public async Task CommitAsync_WaitingWithOnlyOtherEventsInInbox_StaysWaiting()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await store.DeliverEventAsync(run.RunId, "rejection", "{}", null, T0, Ct);

        var result = await store.CommitAsync(Commit(run, transition: To(RunStatus.Waiting, waitingFor: ["approval"])), Ct);

        result.RunStatus.ShouldBe(RunStatus.Waiting);
        (await store.ClaimAsync("worker-b", 1, Lease, T0.AddDays(1), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CommitAsync_Pending_ReleasesRunForAnyWorker()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);

        var result = await store.CommitAsync(Commit(run, transition: To(RunStatus.Pending)), Ct);

        result.RunStatus.ShouldBe(RunStatus.Pending);
        (await GetAsync(store, run.RunId)).LeaseOwner.ShouldBeNull();
        var again = (await store.ClaimAsync("worker-b", 1, Lease, T0.AddSeconds(2), Ct)).ShouldHaveSingleItem();
        again.Epoch.ShouldBe(run.Epoch + 1);
    }

    [Fact]
    public async Task CommitAsync_ExplicitRunningTransition_KeepsTheLease()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);

        var result = await store.CommitAsync(Commit(run, [Entry(run.RunId, 1)], To(RunStatus.Running)), Ct);

        result.RunStatus.ShouldBe(RunStatus.Running);
        var stored = await GetAsync(store, run.RunId);
        stored.LeaseOwner.ShouldBe(run.LeaseOwner);
        stored.LeaseExpiresAt.ShouldBe(run.LeaseExpiresAt);
    }

    [Fact]
    public async Task CommitAsync_SixteenConcurrentWorkflows_AllStepsRecorded()
    {
        var store = await NewStoreAsync();
        var runs = new List<RunRecord>();
        for (var i = 0; i < 16; i++)
        {
            runs.Add(await StartAsync(store));
        }

        await Task.WhenAll(runs.Select(run => Task.Run(async () =>
        {
            for (var step = 1; step <= 10; step++)
            {
                var transition = step == 10 ? To(RunStatus.Completed, output: "1") : null;
                (await store.CommitAsync(Commit(run, [Entry(run.RunId, step)], transition), Ct)).Status.ShouldBe(CommitStatus.Committed);
            }
        })));

        foreach (var run in runs)
        {
            (await store.GetJournalAsync(run.RunId, Ct)).Count.ShouldBe(10);
            var stored = await GetAsync(store, run.RunId);
            stored.Status.ShouldBe(RunStatus.Completed);
            stored.Version.ShouldBe(run.Version + 10);
        }
    }
}
