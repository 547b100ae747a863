using System.Text.Json;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows.StoreContract;

/// <summary>Child completion events delivered to the parent in the child's transaction.</summary>
public abstract partial class WorkflowStoreContractTests
{
    [Theory]
    [InlineData(RunStatus.Completed, "completed", "\"done\"", null)]
    [InlineData(RunStatus.Failed, "failed", null, """{"kind":"workflow_failed","message":"no"}""")]
    [InlineData(RunStatus.Cancelled, "cancelled", null, """{"kind":"cancelled","message":"stop"}""")]
    [InlineData(RunStatus.DeadLettered, "deadLettered", null, """{"kind":"step_failed","message":"gave up"}""")]
    public async Task CommitAsync_ChildReachesTheEnd_DeliversChildEventToWaitingParent(RunStatus status, string statusText, string? output, string? error)
    {
        var store = await NewStoreAsync();
        var parent = await StartAsync(store);
        var child = await CreateAsync(store, parent: parent.RunId);
        var parked = await MoveAsync(store, parent, To(RunStatus.Waiting, waitingFor: [$"child:{child.RunId}"]));
        var runningChild = (await store.ClaimAsync("worker-b", 1, Lease, T0.AddSeconds(2), Ct)).ShouldHaveSingleItem();
        runningChild.RunId.ShouldBe(child.RunId);

        var result = await store.CommitAsync(Commit(runningChild, transition: To(status, output: output, error: error), at: T0.AddSeconds(3)), Ct);

        result.RunStatus.ShouldBe(status);
        var woken = await GetAsync(store, parent.RunId);
        woken.Status.ShouldBe(RunStatus.Pending);
        woken.Version.ShouldBe(parked.Version + 1);
        var delivered = (await store.GetInboxAsync(parent.RunId, Ct)).ShouldHaveSingleItem();
        delivered.Name.ShouldBe($"child:{child.RunId}");
        delivered.ReceivedAt.ShouldBe(T0.AddSeconds(3));
        using var payload = JsonDocument.Parse(delivered.Payload);
        payload.RootElement.GetProperty("status").GetString().ShouldBe(statusText);
        Enum.Parse<RunStatus>(statusText, ignoreCase: true).ShouldBe(status);

        // Output and error are JSON text carried as strings, so a string output cannot be mistaken for an object.
        payload.RootElement.GetProperty("output").GetString().ShouldBe(output);
        payload.RootElement.GetProperty("error").GetString().ShouldBe(error);
    }

    [Fact]
    public async Task CancelAsync_Child_DeliversCancelledEventToParent()
    {
        var store = await NewStoreAsync();
        var parent = await StartAsync(store);
        var child = await CreateAsync(store, parent: parent.RunId);
        await MoveAsync(store, parent, To(RunStatus.Waiting, waitingFor: [$"child:{child.RunId}"]));

        (await store.CancelAsync(child.RunId, "not needed", T0.AddSeconds(4), Ct)).ShouldBe(CommitStatus.Committed);

        (await GetAsync(store, parent.RunId)).Status.ShouldBe(RunStatus.Pending);
        var delivered = (await store.GetInboxAsync(parent.RunId, Ct)).ShouldHaveSingleItem();
        using var payload = JsonDocument.Parse(delivered.Payload);
        payload.RootElement.GetProperty("status").GetString().ShouldBe("cancelled");
        payload.RootElement.GetProperty("error").GetString()!.ShouldContain("not needed");
    }

    [Fact]
    public async Task CommitAsync_ChildFinishesWhileParentRuns_EventWaitsInParentInbox()
    {
        var store = await NewStoreAsync();
        var parent = await StartAsync(store);
        var child = await StartAsync(store, parent: parent.RunId);

        await MoveAsync(store, child, To(RunStatus.Completed, output: "7"));

        (await GetAsync(store, parent.RunId)).Status.ShouldBe(RunStatus.Running);
        (await store.GetInboxAsync(parent.RunId, Ct)).ShouldHaveSingleItem().Name.ShouldBe($"child:{child.RunId}");
        var result = await store.CommitAsync(Commit(parent, transition: To(RunStatus.Waiting, waitingFor: [$"child:{child.RunId}"])), Ct);
        result.RunStatus.ShouldBe(RunStatus.Pending);
    }

    [Theory]
    [InlineData(RunStatus.Suspended)]
    [InlineData(RunStatus.Waiting)]
    [InlineData(RunStatus.Pending)]
    public async Task CommitAsync_ChildNotFinished_DeliversNothing(RunStatus status)
    {
        var store = await NewStoreAsync();
        var parent = await StartAsync(store);
        var child = await StartAsync(store, parent: parent.RunId);

        await MoveAsync(store, child, To(status, wakeAt: status == RunStatus.Waiting ? T0.AddDays(1) : null, error: status == RunStatus.Suspended ? "{}" : null));

        (await store.GetInboxAsync(parent.RunId, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CommitAsync_ChildOfFinishedParent_CommitsWithoutEvent()
    {
        var store = await NewStoreAsync();
        var parent = await StartAsync(store);
        var child = await StartAsync(store, parent: parent.RunId);
        await MoveAsync(store, parent, To(RunStatus.Failed, error: "{}"));

        var result = await store.CommitAsync(Commit(child, transition: To(RunStatus.Completed, output: "1")), Ct);

        result.Status.ShouldBe(CommitStatus.Committed);
        (await GetAsync(store, child.RunId)).Status.ShouldBe(RunStatus.Completed);
        (await store.GetInboxAsync(parent.RunId, Ct)).ShouldBeEmpty();
    }
}
