using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Reads: on pooled read-only connections, seeing the last committed state.</summary>
public sealed partial class SqliteWorkflowStore
{
    /// <inheritdoc />
    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ThrowIfNotReady();
        return _readers.ReadAsync(runId, static (connection, runId) =>
        {
            var command = connection.Command($"SELECT {StoredRows.RunColumns} FROM runs WHERE run_id = $id", "$id");
            command.Parameters[0].Value = runId;
            using var row = command.ExecuteReader();
            return row.Read() ? StoredRows.ReadRun(row, StoredRows.WaitingForFromJson) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A <see cref="RunQuery.Before"/> cursor naming a run that does not exist returns no runs.</remarks>
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query));
        ThrowIfNotReady();
        if (query.Limit == 0)
        {
            return Task.FromResult<IReadOnlyList<RunRecord>>([]);
        }

        return _readers.ReadAsync(query, static (connection, query) =>
        {
            // The text varies only by which filters are present (eight shapes, each prepared once per connection);
            // values are always parameters.
            var sql = $"SELECT {StoredRows.RunColumns} FROM runs WHERE 1 = 1"
                + (query.Status is null ? string.Empty : " AND status = $status")
                + (query.Workflow is null ? string.Empty : " AND workflow = $workflow")
                + (query.Before is null ? string.Empty : " AND (created_at, run_id) < (SELECT created_at, run_id FROM runs WHERE run_id = $before)")
                + " ORDER BY created_at DESC, run_id DESC LIMIT $limit";
            var command = connection.Command(sql, "$status", "$workflow", "$before", "$limit");
            var parameters = command.Parameters;
            parameters["$status"].Value = query.Status is { } status ? StoredFormats.Status(status) : DBNull.Value;
            parameters["$workflow"].Value = (object?)query.Workflow ?? DBNull.Value;
            parameters["$before"].Value = (object?)query.Before ?? DBNull.Value;
            parameters["$limit"].Value = query.Limit;
            var runs = new List<RunRecord>();
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                runs.Add(StoredRows.ReadRun(row, StoredRows.WaitingForFromJson));
            }

            return (IReadOnlyList<RunRecord>)runs;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        return _readers.ReadAsync(0, static (connection, _) =>
        {
            var command = connection.Command("SELECT status, count(*) FROM runs GROUP BY status");
            var counts = new Dictionary<RunStatus, long>();
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                counts[StoredFormats.ParseStatus(row.GetString(0))] = row.GetInt64(1);
            }

            return (IReadOnlyDictionary<RunStatus, long>)counts;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ThrowIfNotReady();
        return _readers.ReadAsync(runId, static (connection, runId) =>
        {
            var command = connection.Command($"SELECT {StoredRows.JournalColumns} FROM journal WHERE run_id = $run ORDER BY seq", "$run");
            command.Parameters[0].Value = runId;
            var entries = new List<JournalEntry>();
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                entries.Add(StoredRows.ReadEntry(row));
            }

            return (IReadOnlyList<JournalEntry>)entries;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InboxEvent>> GetInboxAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ThrowIfNotReady();
        return _readers.ReadAsync(runId, static (connection, runId) =>
        {
            var command = connection.Command($"SELECT {StoredRows.InboxColumns} FROM inbox WHERE run_id = $run AND consumed_at IS NULL ORDER BY id", "$run");
            command.Parameters[0].Value = runId;
            var events = new List<InboxEvent>();
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                events.Add(StoredRows.ReadEvent(row));
            }

            return (IReadOnlyList<InboxEvent>)events;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        return _readers.ReadAsync(0, static (connection, _) =>
        {
            var command = connection.Command("SELECT min(due_at) FROM runs WHERE status = 'waiting' AND due_at IS NOT NULL");
            var value = command.ExecuteScalar();
            return value is long ticks ? StoredFormats.ParseTime(ticks) : (DateTimeOffset?)null;
        }, cancellationToken);
    }
}
