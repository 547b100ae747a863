using Foreman.Workflows.Storage;

namespace Foreman.Postgres;

/// <summary>Reads: one statement each on a pooled connection, seeing the last committed state.</summary>
public sealed partial class PostgresWorkflowStore
{
    /// <inheritdoc />
    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        await using var command = Command(_sql.GetRun).With(runId);
        await using var row = await _dataSource.ExecutePreparedReaderAsync(command, cancellationToken);
        return await row.ReadAsync(cancellationToken) ? PostgresRows.ReadRun(row) : null;
    }

    /// <inheritdoc />
    /// <remarks>A <see cref="RunQuery.Before"/> cursor naming a run that does not exist returns no runs.</remarks>
    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query));
        ThrowIfNotReady();
        if (query.Limit == 0)
        {
            return [];
        }

        await using var command = Command(_sql.ListRuns(query.Status is not null, query.Workflow is not null, query.Before is not null));
        if (query.Status is { } status)
        {
            command.With(StoredFormats.Status(status));
        }

        if (query.Workflow is { } workflow)
        {
            command.With(workflow);
        }

        if (query.Before is { } before)
        {
            command.With(before);
        }

        command.With(query.Limit);
        var runs = new List<RunRecord>();
        await using var row = await _dataSource.ExecutePreparedReaderAsync(command, cancellationToken);
        while (await row.ReadAsync(cancellationToken))
        {
            runs.Add(PostgresRows.ReadRun(row));
        }

        return runs;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(_sql.CountByStatus);
        var counts = new Dictionary<RunStatus, long>();
        await using var row = await _dataSource.ExecutePreparedReaderAsync(command, cancellationToken);
        while (await row.ReadAsync(cancellationToken))
        {
            counts[StoredFormats.ParseStatus(row.GetString(0))] = row.GetInt64(1);
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        await using var command = Command(_sql.Journal).With(runId);
        var entries = new List<JournalEntry>();
        await using var row = await _dataSource.ExecutePreparedReaderAsync(command, cancellationToken);
        while (await row.ReadAsync(cancellationToken))
        {
            entries.Add(StoredRows.ReadEntry(row));
        }

        return entries;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InboxEvent>> GetInboxAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        await using var command = Command(_sql.Inbox).With(runId);
        var events = new List<InboxEvent>();
        await using var row = await _dataSource.ExecutePreparedReaderAsync(command, cancellationToken);
        while (await row.ReadAsync(cancellationToken))
        {
            events.Add(StoredRows.ReadEvent(row));
        }

        return events;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(_sql.NextWakeAt);
        return await _dataSource.ExecutePreparedScalarAsync(command, cancellationToken) is long ticks ? StoredFormats.ParseTime(ticks) : null;
    }
}
