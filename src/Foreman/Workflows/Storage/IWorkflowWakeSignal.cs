namespace Foreman.Workflows.Storage;

/// <summary>
/// An optional capability of a <see cref="IWorkflowStore"/> shared by several processes: it tells subscribers that
/// runs may have become ready elsewhere (a run created, an event delivered, a run re-queued in another process), so
/// an idle worker claims at once instead of waiting for its next poll.
/// </summary>
/// <remarks>
/// A signal is a hint, never a promise: it may be late, duplicated or lost (a dropped connection), which is why
/// <see cref="WorkflowWorker"/> keeps polling at <see cref="WorkflowWorkerOptions.PollInterval"/> as a fallback; the
/// claim itself decides who gets a run. Expired leases and due timers are found by polling and
/// <see cref="IWorkflowStore.NextWakeAtAsync"/>, not by signals. Callbacks run on the store's thread and must return
/// quickly. Thread-safe.
/// </remarks>
public interface IWorkflowWakeSignal
{
    /// <summary>Calls <paramref name="wake"/> each time runs may have become ready, until the subscription is disposed.</summary>
    /// <param name="wake">The callback; it must not block.</param>
    /// <returns>The subscription; dispose it to stop the calls.</returns>
    IDisposable Subscribe(Action wake);
}
