using Foreman.Workflows.Storage;
using Foreman.Workflows.StoreContract;

namespace Foreman.Sqlite.Tests;

/// <summary>
/// The store contract through a <see cref="DelegatingWorkflowStore"/> that overrides nothing, over SQLite: a call the
/// base failed to pass on, or passed on with other arguments, breaks a contract test.
/// </summary>
public sealed class DelegatingWorkflowStoreContractTests : WorkflowStoreContractTests
{
    private readonly TempDatabase _database = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Subscribe_InnerStoreWithoutWakeUps_ReturnsASubscriptionThatNeverWakes()
    {
        await using var store = new PassThroughStore(new SqliteWorkflowStore(_database.Options()));
        var woken = 0;

        using var subscription = store.Subscribe(() => woken++);

        subscription.ShouldNotBeNull();
        woken.ShouldBe(0);
    }

    [Fact]
    public async Task Subscribe_InnerStoreWithWakeUps_PassesTheInnerWakeUpsOn()
    {
        var waking = new WakingStore(new SqliteWorkflowStore(_database.Options()));
        await using var store = new PassThroughStore(waking);
        var woken = 0;

        using (store.Subscribe(() => woken++))
        {
            waking.Wake();
            waking.Wake();
        }

        waking.Wake();
        woken.ShouldBe(2);
    }

    protected override Task<IWorkflowStore> CreateStoreAsync() =>
        Task.FromResult<IWorkflowStore>(new PassThroughStore(new SqliteWorkflowStore(_database.Options())));

    protected override Task<IWorkflowStore> OpenSameDatabaseAsync() =>
        Task.FromResult<IWorkflowStore>(new PassThroughStore(new SqliteWorkflowStore(_database.Options())));

    private sealed class PassThroughStore(IWorkflowStore inner) : DelegatingWorkflowStore(inner);

    /// <summary>An inner store with wake-ups of its own, sent when the test says so.</summary>
    private sealed class WakingStore(IWorkflowStore inner) : DelegatingWorkflowStore(inner), IWorkflowWakeSignal
    {
        private Action? _wake;

        public void Wake() => _wake?.Invoke();

        IDisposable IWorkflowWakeSignal.Subscribe(Action wake)
        {
            _wake = wake;
            return new Unsubscribe(this);
        }

        private sealed class Unsubscribe(WakingStore store) : IDisposable
        {
            public void Dispose() => store._wake = null;
        }
    }
}
