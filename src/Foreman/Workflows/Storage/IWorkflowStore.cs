namespace Foreman.Workflows.Storage;

/// <summary>
/// Durable state of workflow runs: runs, their journals and their inboxes. Every implementation must pass the
/// contract test suite (<c>WorkflowStoreContractTests</c>) unchanged.
/// </summary>
/// <remarks>
/// <para><b>Contract.</b></para>
/// <list type="bullet">
/// <item><b>Clock.</b> A store never reads the clock: every time comes from the caller (the engine's
/// <see cref="TimeProvider"/>), so fake clocks drive timers and leases in tests.</item>
/// <item><b>Atomicity.</b> <see cref="CommitAsync"/> applies journal entries, consumed events, business state and
/// status change all together or not at all. A crash at any point leaves either the whole commit or none of it.</item>
/// <item><b>Durability.</b> When a method returns, what it wrote survives a process crash (and, for stores that
/// say so, a power loss). Stores may group concurrent commits into one transaction (group commit) as long as
/// each caller's commit is durable before its call returns.</item>
/// <item><b>Lifecycle.</b> Status changes follow <see cref="RunLifecycle.CanTransition"/>; any other is refused with
/// <see cref="CommitStatus.InvalidTransition"/> and nothing is written. Every write increments
/// <see cref="RunRecord.Version"/>.</item>
/// <item><b>Leases and fencing.</b> A claim sets the lease and increments <see cref="RunRecord.Epoch"/>. A commit or
/// lease renewal carrying an older epoch is refused with <see cref="CommitStatus.Fenced"/> and writes nothing, so
/// a paused or partitioned worker cannot overwrite the work of the worker that took its run over. Cancellation also
/// increments the epoch.</item>
/// <item><b>Claiming.</b> <see cref="ClaimAsync"/> returns each run to exactly one caller: runs that are pending,
/// waiting and due (<see cref="RunRecord.WakeAt"/> at or before <c>now</c>), or running with an expired lease;
/// oldest due first.</item>
/// <item><b>Waking.</b> Delivering an event to a waiting run makes it pending in the same transaction. A commit that
/// moves a run to waiting for events of which one is already in the inbox makes it pending instead (and reports
/// so in <see cref="CommitResult.RunStatus"/>), so an event that arrives while the run is executing is never lost.</item>
/// <item><b>Children.</b> When a run with a parent reaches a terminal status (or dead-letters), the store delivers
/// the event <c>child:{runId}</c> with <c>{"status":…,"output":…,"error":…}</c> to the parent in the same transaction.</item>
/// <item><b>Ordering.</b> Journal entries are returned by sequence; inbox events by id (delivery order); run lists
/// newest first.</item>
/// <item><b>Idempotency.</b> Creating a run with an idempotency key that exists returns the existing run and
/// creates nothing. Delivering an event with a dedupe key that exists for the run is a no-op.</item>
/// <item><b>Thread safety.</b> All members are safe to call concurrently, from one or many processes sharing the
/// database.</item>
/// </list>
/// </remarks>
public interface IWorkflowStore : IAsyncDisposable
{
    /// <summary>Creates the schema if needed and checks the database's durability settings.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Creates a run in <see cref="RunStatus.Pending"/>, or returns the run with the same idempotency key.</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored run and whether this call created it.</returns>
    Task<(RunRecord Run, bool Created)> CreateRunAsync(NewRun run, CancellationToken cancellationToken);

    /// <summary>Reads a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Lists runs, newest first.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The runs.</returns>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>Counts runs by status.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts; statuses with no run may be absent.</returns>
    Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusAsync(CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="maxRuns"/> runs that are ready, for one worker.</summary>
    /// <param name="workerId">The worker.</param>
    /// <param name="maxRuns">The most runs to claim.</param>
    /// <param name="leaseDuration">How long the lease lasts without renewal.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed runs, now running, with their new epoch.</returns>
    Task<IReadOnlyList<RunRecord>> ClaimAsync(string workerId, int maxRuns, TimeSpan leaseDuration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Extends a lease.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="epoch">The epoch of the claim.</param>
    /// <param name="expiresAt">The new expiry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="CommitStatus.Committed"/>, or <see cref="CommitStatus.Fenced"/> when the lease was lost.</returns>
    Task<CommitStatus> RenewLeaseAsync(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Reads a run's journal, by sequence.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Reads a run's unconsumed events, by delivery order.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<InboxEvent>> GetInboxAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Writes a commit atomically (see the contract).</summary>
    /// <param name="commit">The commit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was written.</returns>
    Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken);

    /// <summary>Delivers an event to a run, waking it if it waits.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="name">The event name.</param>
    /// <param name="payload">The payload as JSON text.</param>
    /// <param name="dedupeKey">The sender's key for at-most-once delivery, or <see langword="null"/>.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What happened.</returns>
    Task<DeliveryStatus> DeliverEventAsync(string runId, string name, string payload, string? dedupeKey, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Cancels a run that has not finished; its epoch moves on so a worker executing it is fenced.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="reason">Why, stored as the run's error.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="CommitStatus.Committed"/>, <see cref="CommitStatus.InvalidTransition"/> for a finished run, or not found.</returns>
    Task<CommitStatus> CancelAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a dead-lettered or suspended run back in the queue: it becomes pending, and its journal entries that
    /// failed for good are removed so the failed step runs again. Finished steps keep their results.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="CommitStatus.Committed"/>, <see cref="CommitStatus.InvalidTransition"/> when the run is not dead-lettered or suspended, or not found.</returns>
    Task<CommitStatus> RequeueAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gets the earliest time a waiting run is due, so a worker can sleep until then.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The earliest due time, or <see langword="null"/> when no run waits on a timer.</returns>
    Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken);
}
