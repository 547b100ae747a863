using Foreman.Workflows.Storage;

namespace Foreman.Workflows.StoreContract;

/// <summary>Creating runs and idempotency keys.</summary>
public abstract partial class WorkflowStoreContractTests
{
    [Fact]
    public async Task CreateRunAsync_NewRun_StoresPendingRunAtVersionOneEpochZero()
    {
        var store = await NewStoreAsync();
        var createdAt = T0.AddMilliseconds(123);

        var (run, created) = await store.CreateRunAsync(new NewRun("run-a", "orders", """{"order":7}""", "key-a", "parent-x", createdAt), Ct);

        created.ShouldBeTrue();
        var stored = await GetAsync(store, "run-a");
        ShouldBeSameRun(stored, run);
        stored.Workflow.ShouldBe("orders");
        stored.Input.ShouldBe("""{"order":7}""");
        stored.Status.ShouldBe(RunStatus.Pending);
        stored.Version.ShouldBe(1);
        stored.Epoch.ShouldBe(0);
        stored.Claims.ShouldBe(0);
        stored.IdempotencyKey.ShouldBe("key-a");
        stored.ParentRunId.ShouldBe("parent-x");
        stored.LeaseOwner.ShouldBeNull();
        stored.LeaseExpiresAt.ShouldBeNull();
        stored.WakeAt.ShouldBeNull();
        stored.WaitingFor.ShouldBeEmpty();
        stored.Output.ShouldBeNull();
        stored.Error.ShouldBeNull();
        stored.BusinessState.ShouldBeNull();
        stored.CreatedAt.ShouldBe(createdAt);
        stored.UpdatedAt.ShouldBe(createdAt);
    }

    [Fact]
    public async Task CreateRunAsync_SameIdempotencyKey_ReturnsExistingRunAndCreatesNothing()
    {
        var store = await NewStoreAsync();
        var (first, _) = await store.CreateRunAsync(Run("run-a", idempotencyKey: "submit-1"), Ct);

        var (second, created) = await store.CreateRunAsync(Run("run-b", input: """{"order":2}""", idempotencyKey: "submit-1", createdAt: T0.AddSeconds(5)), Ct);

        created.ShouldBeFalse();
        ShouldBeSameRun(second, first);
        (await store.GetRunAsync("run-b", Ct)).ShouldBeNull();
        (await store.ListRunsAsync(new RunQuery(), Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateRunAsync_FiftyConcurrentCreatesWithSameKey_CreatesExactlyOne()
    {
        var store = await NewStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => store.CreateRunAsync(Run($"run-{i:D2}", idempotencyKey: "same-key"), Ct))));

        results.Count(r => r.Created).ShouldBe(1);
        var winner = results.Single(r => r.Created).Run.RunId;
        results.ShouldAllBe(r => r.Run.RunId == winner);
        (await store.ListRunsAsync(new RunQuery { Limit = 100 }, Ct)).Select(r => r.RunId).ShouldBe([winner]);
    }

    [Fact]
    public async Task CreateRunAsync_NoIdempotencyKeys_CreatesEveryRun()
    {
        var store = await NewStoreAsync();

        var first = await store.CreateRunAsync(Run("run-a"), Ct);
        var second = await store.CreateRunAsync(Run("run-b"), Ct);

        first.Created.ShouldBeTrue();
        second.Created.ShouldBeTrue();
        (await store.ListRunsAsync(new RunQuery(), Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task CreateRunAsync_ExistingRunIdWithoutItsKey_ThrowsAndKeepsTheRun()
    {
        var store = await NewStoreAsync();
        await store.CreateRunAsync(Run("run-a", input: """{"order":1}"""), Ct);

        await Should.ThrowAsync<InvalidOperationException>(() => store.CreateRunAsync(Run("run-a", input: """{"order":2}"""), Ct));

        (await GetAsync(store, "run-a")).Input.ShouldBe("""{"order":1}""");
    }

    [Fact]
    public async Task CreateRunAsync_CanceledToken_ThrowsAndCreatesNothing()
    {
        var store = await NewStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => store.CreateRunAsync(Run("run-a"), cancelled.Token));

        (await store.GetRunAsync("run-a", Ct)).ShouldBeNull();
    }
}
