using Foreman.Workflows.Storage;

namespace Foreman.Workflows.StoreContract;

/// <summary>
/// The behaviour every <see cref="IWorkflowStore"/> must have (the contract written on the interface). A store's
/// test project derives from this class and says how to make a fresh, empty store; the tests are inherited.
/// </summary>
/// <remarks>
/// Times are whole milliseconds after <see cref="T0"/>: stores must keep at least millisecond precision. No test
/// reads the clock or sleeps.
/// </remarks>
public abstract partial class WorkflowStoreContractTests : IAsyncLifetime
{
    /// <summary>The time the tests start at.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The lease the tests claim with.</summary>
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly List<IWorkflowStore> _stores = [];
    private int _nextId;

    /// <summary>Gets the cancellation token of the tests.</summary>
    protected static CancellationToken Ct => CancellationToken.None;

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>Creates a store over a new, empty database (not yet initialized).</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IWorkflowStore> CreateStoreAsync();

    /// <summary>
    /// Creates another store (not yet initialized) over the database of the last <see cref="CreateStoreAsync"/>,
    /// as a second process would; the first may have been disposed.
    /// </summary>
    /// <returns>The store.</returns>
    protected abstract Task<IWorkflowStore> OpenSameDatabaseAsync();

    /// <summary>Creates and initializes a fresh store, disposed after the test.</summary>
    /// <returns>The store.</returns>
    protected async Task<IWorkflowStore> NewStoreAsync() => await Track(await CreateStoreAsync());

    /// <summary>Opens and initializes another store over the same database, disposed after the test.</summary>
    /// <returns>The store.</returns>
    protected async Task<IWorkflowStore> ReopenStoreAsync() => await Track(await OpenSameDatabaseAsync());

    /// <summary>A unique run id.</summary>
    /// <returns>The id.</returns>
    protected string NextId() => $"run-{Interlocked.Increment(ref _nextId):D4}";

    private async Task<IWorkflowStore> Track(IWorkflowStore store)
    {
        _stores.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }

    private static NewRun Run(string id, string workflow = "orders", DateTimeOffset? createdAt = null, string? idempotencyKey = null, string? parent = null, string input = """{"order":1}""") =>
        new(id, workflow, input, idempotencyKey, parent, createdAt ?? T0);

    private async Task<RunRecord> CreateAsync(IWorkflowStore store, DateTimeOffset? createdAt = null, string? parent = null, string workflow = "orders")
    {
        var (run, created) = await store.CreateRunAsync(Run(NextId(), workflow, createdAt, parent: parent), Ct);
        created.ShouldBeTrue();
        return run;
    }

    /// <summary>Creates a run and claims it; the store must have no other ready run.</summary>
    private async Task<RunRecord> StartAsync(IWorkflowStore store, DateTimeOffset? at = null, string? parent = null, string worker = "worker-a", TimeSpan? lease = null)
    {
        var now = at ?? T0;
        var run = await CreateAsync(store, now, parent);
        var claimed = await store.ClaimAsync(worker, 1, lease ?? Lease, now, Ct);
        claimed.Count.ShouldBe(1);
        claimed[0].RunId.ShouldBe(run.RunId);
        return claimed[0];
    }

    private static JournalEntry Entry(string runId, int sequence, JournalEntryState state = JournalEntryState.Completed, string? payload = "\"ok\"", DateTimeOffset? recordedAt = null, JournalEntryKind kind = JournalEntryKind.Step) => new()
    {
        RunId = runId,
        Sequence = sequence,
        Key = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Kind = kind,
        Name = $"step-{sequence}",
        State = state,
        Payload = payload,
        Attempts = state == JournalEntryState.Completed ? 1 : 2,
        RecordedAt = recordedAt ?? T0,
    };

    private static RunCommit Commit(RunRecord run, IReadOnlyList<JournalEntry>? entries = null, RunTransition? transition = null, IReadOnlyList<long>? consumed = null, string? businessState = null, DateTimeOffset? at = null) => new()
    {
        RunId = run.RunId,
        Epoch = run.Epoch,
        Entries = entries ?? [],
        ConsumedEvents = consumed ?? [],
        BusinessState = businessState,
        Transition = transition,
        At = at ?? T0.AddSeconds(1),
    };

    private static RunTransition To(RunStatus status, DateTimeOffset? wakeAt = null, IReadOnlyList<string>? waitingFor = null, string? output = null, string? error = null) =>
        new() { To = status, WakeAt = wakeAt, WaitingFor = waitingFor ?? [], Output = output, Error = error };

    private static async Task<RunRecord> GetAsync(IWorkflowStore store, string runId) =>
        (await store.GetRunAsync(runId, Ct)).ShouldNotBeNull();

    /// <summary>Compares runs field by field (records compare lists by reference).</summary>
    private static void ShouldBeSameRun(RunRecord actual, RunRecord expected)
    {
        actual.WaitingFor.ShouldBe(expected.WaitingFor);
        (actual with { WaitingFor = [] }).ShouldBe(expected with { WaitingFor = [] });
    }

    /// <summary>Commits a transition that must succeed.</summary>
    private static async Task<CommitResult> MoveAsync(IWorkflowStore store, RunRecord run, RunTransition transition, DateTimeOffset? at = null)
    {
        var result = await store.CommitAsync(Commit(run, transition: transition, at: at), Ct);
        result.Status.ShouldBe(CommitStatus.Committed);
        return result;
    }
}
