namespace Foreman.Workflows.Storage;

/// <summary>A run as stored. Immutable snapshot; <see cref="Version"/> changes on every write.</summary>
public sealed record RunRecord
{
    /// <summary>Gets the run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the workflow's registered name.</summary>
    public required string Workflow { get; init; }

    /// <summary>Gets the input as JSON text.</summary>
    public required string Input { get; init; }

    /// <summary>Gets the lifecycle status.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Gets the optimistic-concurrency version, incremented by every write.</summary>
    public required long Version { get; init; }

    /// <summary>Gets the fencing epoch, incremented by every claim and by cancellation; writes must carry the current one.</summary>
    public required long Epoch { get; init; }

    /// <summary>Gets the idempotency key given at submission, if any.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Gets the worker holding the lease, while running.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>Gets when the lease expires, while running.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>Gets when a waiting run is due (timer, retry or wait timeout).</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>Gets the event names a waiting run waits for.</summary>
    public IReadOnlyList<string> WaitingFor { get; init; } = [];

    /// <summary>Gets the parent run, for a child workflow.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>Gets the output as JSON text, once completed.</summary>
    public string? Output { get; init; }

    /// <summary>Gets the error as JSON text (<see cref="RunError"/>), once failed, dead-lettered or suspended.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the business state the workflow declared last, if it uses a state machine.</summary>
    public string? BusinessState { get; init; }

    /// <summary>Gets how many times a worker claimed the run.</summary>
    public int Claims { get; init; }

    /// <summary>Gets when the run was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the run last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
