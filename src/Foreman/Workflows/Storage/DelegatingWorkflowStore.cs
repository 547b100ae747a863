namespace Foreman.Workflows.Storage;

/// <summary>
/// A store that passes every call to another store: the base for wrappers that observe or change some of the calls
/// (timing, reporting, fault injection) and override only those. The inner store's wake-ups are passed on, so wrapping
/// never slows a worker down. Thread-safe when the inner store is.
/// </summary>
public abstract class DelegatingWorkflowStore : IWorkflowStore, IWorkflowWakeSignal
{
    /// <summary>Initializes a new instance of the <see cref="DelegatingWorkflowStore"/> class.</summary>
    /// <param name="innerStore">The store that does the work; disposed with this one.</param>
    protected DelegatingWorkflowStore(IWorkflowStore innerStore)
    {
        ArgumentNullException.ThrowIfNull(innerStore);
        InnerStore = innerStore;
    }

    /// <summary>Gets the store that does the work.</summary>
    protected IWorkflowStore InnerStore { get; }

    /// <inheritdoc />
    public virtual Task InitializeAsync(CancellationToken cancellationToken) => InnerStore.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public virtual Task<(RunRecord Run, bool Created)> CreateRunAsync(NewRun run, CancellationToken cancellationToken) => InnerStore.CreateRunAsync(run, cancellationToken);

    /// <inheritdoc />
    public virtual Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) => InnerStore.GetRunAsync(runId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken) => InnerStore.ListRunsAsync(query, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusAsync(CancellationToken cancellationToken) => InnerStore.CountByStatusAsync(cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<RunRecord>> ClaimAsync(string workerId, int maxRuns, TimeSpan leaseDuration, DateTimeOffset now, CancellationToken cancellationToken) =>
        InnerStore.ClaimAsync(workerId, maxRuns, leaseDuration, now, cancellationToken);

    /// <inheritdoc />
    public virtual Task<CommitStatus> RenewLeaseAsync(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        InnerStore.RenewLeaseAsync(runId, epoch, expiresAt, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string runId, CancellationToken cancellationToken) => InnerStore.GetJournalAsync(runId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<InboxEvent>> GetInboxAsync(string runId, CancellationToken cancellationToken) => InnerStore.GetInboxAsync(runId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken) => InnerStore.CommitAsync(commit, cancellationToken);

    /// <inheritdoc />
    public virtual Task<DeliveryStatus> DeliverEventAsync(string runId, string name, string payload, string? dedupeKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        InnerStore.DeliverEventAsync(runId, name, payload, dedupeKey, now, cancellationToken);

    /// <inheritdoc />
    public virtual Task<CommitStatus> CancelAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken) => InnerStore.CancelAsync(runId, reason, now, cancellationToken);

    /// <inheritdoc />
    public virtual Task<CommitStatus> RequeueAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) => InnerStore.RequeueAsync(runId, now, cancellationToken);

    /// <inheritdoc />
    public virtual Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken) => InnerStore.NextWakeAtAsync(cancellationToken);

    /// <summary>Passes on the inner store's wake-ups; a store without them never calls <paramref name="wake"/>.</summary>
    /// <param name="wake">The callback.</param>
    /// <returns>The subscription.</returns>
    public IDisposable Subscribe(Action wake) => InnerStore is IWorkflowWakeSignal signal ? signal.Subscribe(wake) : NoWakeUps.Instance;

    /// <summary>Disposes the inner store.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner store; override to release a wrapper's own resources too.</summary>
    /// <returns>A task.</returns>
    protected virtual ValueTask DisposeAsyncCore() => InnerStore.DisposeAsync();

    private sealed class NoWakeUps : IDisposable
    {
        public static readonly NoWakeUps Instance = new();

        public void Dispose()
        {
        }
    }
}
