using Foreman.Schema;
using Foreman.Workflows;

namespace Foreman.Patterns.Workers;

/// <summary>How an orchestrator hands one task to a worker: retries, fallback and the contract at the boundary.</summary>
public sealed record DispatchOptions
{
    /// <summary>Gets the default: two attempts a second apart, no fallback, no contract.</summary>
    public static DispatchOptions Default { get; } = new();

    /// <summary>
    /// Gets the retries of a failed task. Each retry waits on a durable timer: the run parks in the store and a
    /// worker claims it again when the retry is due (the store's due-time queue is the retry queue), so a failing
    /// worker is never hammered in an in-memory loop and a crash loses no retry. The default value is 2 attempts,
    /// 1 second apart.
    /// </summary>
    public StepRetryPolicy Retry { get; init; } = new() { MaxAttempts = 2, InitialDelay = TimeSpan.FromSeconds(1) };

    /// <summary>Gets a worker tried once when every attempt of the primary failed, or <see langword="null"/>.</summary>
    public IWorker? Fallback { get; init; }

    /// <summary>Gets the schema the task's input must satisfy before the worker sees it, or <see langword="null"/>.</summary>
    public JsonSchema? InputSchema { get; init; }

    /// <summary>Gets the schema the worker's output must satisfy; an invalid output counts as a failure. <see langword="null"/> accepts any output.</summary>
    public JsonSchema? OutputSchema { get; init; }
}
