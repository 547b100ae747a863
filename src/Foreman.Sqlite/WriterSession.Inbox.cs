using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Statements on the journal and the inbox, and event delivery.</summary>
internal sealed partial class WriterSession
{
    private PreparedStatement? _upsertEntry;
    private PreparedStatement? _deleteFailedEntries;
    private PreparedStatement? _consumeEvent;
    private PreparedStatement? _hasMatchingEvent;
    private PreparedStatement? _findDeliveryTarget;
    private PreparedStatement? _insertEvent;
    private PreparedStatement? _dedupeKeyExists;

    /// <summary>Inserts a journal entry, or replaces the one at the same (run, sequence).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="entry">The entry.</param>
    public void UpsertEntry(string runId, JournalEntry entry)
    {
        _upsertEntry ??= Prepare(
            """
            INSERT INTO journal (run_id, seq, key, kind, name, state, payload, attempts, due_at, recorded_at)
            VALUES ($run, $seq, $key, $kind, $name, $state, $payload, $attempts, $due, $recorded)
            ON CONFLICT (run_id, seq) DO UPDATE SET key = excluded.key, kind = excluded.kind, name = excluded.name, state = excluded.state,
                payload = excluded.payload, attempts = excluded.attempts, due_at = excluded.due_at, recorded_at = excluded.recorded_at
            """,
            "$run", "$seq", "$key", "$kind", "$name", "$state", "$payload", "$attempts", "$due", "$recorded");
        _upsertEntry
            .Bind("$run", runId)
            .Bind("$seq", entry.Sequence)
            .Bind("$key", entry.Key)
            .Bind("$kind", StoredFormats.Kind(entry.Kind))
            .Bind("$name", entry.Name)
            .Bind("$state", StoredFormats.State(entry.State))
            .Bind("$payload", entry.Payload)
            .Bind("$attempts", entry.Attempts)
            .Bind("$due", entry.DueAt is { } due ? StoredFormats.Time(due) : null)
            .Bind("$recorded", StoredFormats.Time(entry.RecordedAt))
            .Execute();
    }

    /// <summary>Removes the entries that failed for good, so a re-queued run retries those steps.</summary>
    /// <param name="runId">The run.</param>
    public void DeleteFailedEntries(string runId)
    {
        _deleteFailedEntries ??= Prepare("DELETE FROM journal WHERE run_id = $run AND state = 'failed'", "$run");
        _deleteFailedEntries.Bind("$run", runId).Execute();
    }

    /// <summary>Hides a consumed event from the inbox; the row stays so its dedupe key keeps working.</summary>
    /// <param name="runId">The run (an id of another run's event changes nothing).</param>
    /// <param name="eventId">The event.</param>
    /// <param name="at">The time of the commit.</param>
    public void ConsumeEvent(string runId, long eventId, long at)
    {
        _consumeEvent ??= Prepare("UPDATE inbox SET consumed_at = $at WHERE id = $id AND run_id = $run AND consumed_at IS NULL", "$id", "$run", "$at");
        _consumeEvent.Bind("$id", eventId).Bind("$run", runId).Bind("$at", at).Execute();
    }

    /// <summary>Whether an unconsumed event named in <paramref name="waitingFor"/> is in the run's inbox.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="waitingFor">The stored JSON array of names.</param>
    /// <returns>Whether one is.</returns>
    public bool HasMatchingEvent(string runId, string waitingFor)
    {
        _hasMatchingEvent ??= Prepare(
            "SELECT EXISTS (SELECT 1 FROM inbox WHERE run_id = $run AND consumed_at IS NULL AND name IN (SELECT value FROM json_each($names)))",
            "$run", "$names");
        return _hasMatchingEvent.Bind("$run", runId).Bind("$names", waitingFor).Exists();
    }

    /// <summary>Stores an event for a run and wakes the run if it waits for it.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="name">The event name.</param>
    /// <param name="payload">The payload JSON.</param>
    /// <param name="dedupeKey">The sender's dedupe key.</param>
    /// <param name="now">The current time.</param>
    /// <returns>What happened.</returns>
    public DeliveryStatus Deliver(string runId, string name, string payload, string? dedupeKey, long now)
    {
        _findDeliveryTarget ??= Prepare(
            "SELECT status, EXISTS (SELECT 1 FROM json_each(runs.waiting_for) WHERE value = $name) FROM runs WHERE run_id = $run",
            "$run", "$name");
        RunStatus status;
        bool waitsForIt;
        using (var row = _findDeliveryTarget.Bind("$run", runId).Bind("$name", name).Query())
        {
            if (!row.Read())
            {
                return DeliveryStatus.NotFound;
            }

            status = StoredFormats.ParseStatus(row.GetString(0));
            waitsForIt = row.GetInt64(1) != 0;
        }

        if (RunLifecycle.IsTerminal(status))
        {
            // A sender retrying a delivery that succeeded before the run finished learns it was a duplicate.
            return dedupeKey is not null && DedupeKeyExists(runId, dedupeKey) ? DeliveryStatus.Duplicate : DeliveryStatus.RunFinished;
        }

        _insertEvent ??= Prepare(
            """
            INSERT INTO inbox (run_id, name, payload, dedupe_key, received_at) VALUES ($run, $name, $payload, $key, $now)
            ON CONFLICT (run_id, dedupe_key) DO NOTHING
            """,
            "$run", "$name", "$payload", "$key", "$now");
        if (_insertEvent.Bind("$run", runId).Bind("$name", name).Bind("$payload", payload).Bind("$key", dedupeKey).Bind("$now", now).Execute() == 0)
        {
            return DeliveryStatus.Duplicate;
        }

        if (status == RunStatus.Waiting && waitsForIt)
        {
            SetStatus(runId, RunStatus.Pending, new StatusChange { DueAt = now }, now);
        }

        return DeliveryStatus.Delivered;
    }

    /// <summary>Tells a parent that its child finished, with <c>child:{runId}</c>; a finished or missing parent is skipped.</summary>
    /// <param name="parentRunId">The parent.</param>
    /// <param name="childRunId">The child.</param>
    /// <param name="status">The child's status.</param>
    /// <param name="output">The child's output JSON.</param>
    /// <param name="error">The child's error JSON.</param>
    /// <param name="at">The time of the write.</param>
    public void NotifyParent(string parentRunId, string childRunId, RunStatus status, string? output, string? error, long at) =>
        Deliver(parentRunId, StoredFormats.ChildEventName(childRunId), StoredFormats.ChildEvent(status, output, error), dedupeKey: null, at);

    private bool DedupeKeyExists(string runId, string dedupeKey)
    {
        _dedupeKeyExists ??= Prepare("SELECT EXISTS (SELECT 1 FROM inbox WHERE run_id = $run AND dedupe_key = $key)", "$run", "$key");
        return _dedupeKeyExists.Bind("$run", runId).Bind("$key", dedupeKey).Exists();
    }
}
