using System.Text.Json;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>Durable timers and waits for external events.</summary>
public sealed partial class WorkflowContext
{
    /// <summary>
    /// Waits durably: the run parks without holding memory and a worker resumes it when the time has come, even
    /// after restarts. The due time is recorded the first time, so replays wait for the same moment.
    /// </summary>
    /// <param name="delay">How long to wait.</param>
    /// <param name="name">A name for the timer, for the journal. The default value is <c>delay</c>.</param>
    /// <returns>A task that completes when the timer is due.</returns>
    public async Task DelayAsync(TimeSpan delay, string name = "delay")
    {
        var key = NextKey();
        var entry = _execution.Find(key, JournalEntryKind.Timer, name);
        if (entry is { State: JournalEntryState.Completed })
        {
            return;
        }

        var now = _execution.Time.GetUtcNow();
        var dueAt = entry?.DueAt ?? now + delay;
        if (entry is null)
        {
            await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Timer, name, JournalEntryState.Pending, null, dueAt: dueAt));
        }

        if (now >= dueAt)
        {
            // Fired: recorded with the next commit, so a replay passes here without waiting.
            _execution.Buffer(_execution.NewEntry(key, JournalEntryKind.Timer, name, JournalEntryState.Completed, null, dueAt: dueAt));
            return;
        }

        await _execution.Block<bool>(dueAt, null);
    }

    /// <summary>
    /// Waits durably for an external event (a webhook, a human decision) delivered with
    /// <see cref="WorkflowEngine.DeliverEventAsync"/>, or for <paramref name="timeout"/> to pass.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <param name="timeout">How long to wait, or <see langword="null"/> to wait for ever.</param>
    /// <returns>The event, or a timeout; the same on every replay.</returns>
    public async Task<WaitResult<T>> WaitForEventAsync<T>(string eventName, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        var key = NextKey();
        var entry = _execution.Find(key, JournalEntryKind.Wait, eventName);
        if (entry is { State: JournalEntryState.Completed })
        {
            return ToResult<T>(WorkflowJson.Deserialize<WaitPayload>(entry.Payload!)!);
        }

        var now = _execution.Time.GetUtcNow();
        var dueAt = entry is null ? now + timeout : entry.DueAt;
        if (_execution.TakeEvent(eventName) is { } received)
        {
            var payload = new WaitPayload(eventName, received.Payload, false);
            await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Wait, eventName, JournalEntryState.Completed, WorkflowJson.Serialize(payload), dueAt: dueAt));
            return ToResult<T>(payload);
        }

        if (dueAt is { } due && now >= due)
        {
            var payload = new WaitPayload(null, null, true);
            await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Wait, eventName, JournalEntryState.Completed, WorkflowJson.Serialize(payload), dueAt: dueAt));
            return ToResult<T>(payload);
        }

        if (entry is null)
        {
            // Recording the deadline makes the timeout fire at the same moment on every replay.
            await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Wait, eventName, JournalEntryState.Pending, null, dueAt: dueAt));
        }

        return await _execution.Block<WaitResult<T>>(dueAt, eventName);
    }

    private WaitResult<T> ToResult<T>(WaitPayload payload) =>
        payload.TimedOut ? new WaitResult<T>(false, default) : new WaitResult<T>(true, JsonSerializer.Deserialize<T>(payload.Payload ?? "null", SerializerOptions));
}
