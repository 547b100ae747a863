using System.Data.Common;
using Foreman.Workflows.Storage;

namespace Foreman.Stores;

/// <summary>
/// The column lists both workflow stores select and how a row becomes a record; the two must stay in step. Rows are
/// read through <see cref="DbDataReader"/> so SQLite and PostgreSQL share one mapping; only the waiting-for column
/// differs by database and is read by the delegate each store passes.
/// </summary>
internal static class StoredRows
{
    public const string RunColumns =
        "run_id, workflow, input, status, version, epoch, idempotency_key, lease_owner, lease_expires_at, wake_at, " +
        "waiting_for, parent_run_id, output, error, business_state, claims, created_at, updated_at";

    public const int RunColumnCount = 18;

    public const string JournalColumns = "run_id, seq, key, kind, name, state, payload, attempts, due_at, recorded_at";

    public const string InboxColumns = "id, run_id, name, payload, dedupe_key, received_at";

    /// <summary>Reads the names of a run's waiting-for column at an ordinal (JSON text in SQLite, <c>text[]</c> in PostgreSQL).</summary>
    public delegate IReadOnlyList<string> WaitingForReader(DbDataReader row, int ordinal);

    /// <summary>Reads a row of <see cref="RunColumns"/>.</summary>
    public static RunRecord ReadRun(DbDataReader row, WaitingForReader readWaitingFor) => new()
    {
        RunId = row.GetString(0),
        Workflow = row.GetString(1),
        Input = row.GetString(2),
        Status = StoredFormats.ParseStatus(row.GetString(3)),
        Version = row.GetInt64(4),
        Epoch = row.GetInt64(5),
        IdempotencyKey = NullableString(row, 6),
        LeaseOwner = NullableString(row, 7),
        LeaseExpiresAt = NullableTime(row, 8),
        WakeAt = NullableTime(row, 9),
        WaitingFor = readWaitingFor(row, 10),
        ParentRunId = NullableString(row, 11),
        Output = NullableString(row, 12),
        Error = NullableString(row, 13),
        BusinessState = NullableString(row, 14),
        Claims = row.GetInt32(15),
        CreatedAt = StoredFormats.ParseTime(row.GetInt64(16)),
        UpdatedAt = StoredFormats.ParseTime(row.GetInt64(17)),
    };

    /// <summary>The record of a run just inserted: pending, at version 1, never claimed.</summary>
    public static RunRecord Created(NewRun run, DateTimeOffset createdAt) => new()
    {
        RunId = run.RunId,
        Workflow = run.Workflow,
        Input = run.Input,
        Status = RunStatus.Pending,
        Version = 1,
        Epoch = 0,
        IdempotencyKey = run.IdempotencyKey,
        ParentRunId = run.ParentRunId,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    /// <summary>Reads a row of <see cref="JournalColumns"/>.</summary>
    public static JournalEntry ReadEntry(DbDataReader row) => new()
    {
        RunId = row.GetString(0),
        Sequence = row.GetInt32(1),
        Key = row.GetString(2),
        Kind = StoredFormats.ParseKind(row.GetString(3)),
        Name = row.GetString(4),
        State = StoredFormats.ParseState(row.GetString(5)),
        Payload = NullableString(row, 6),
        Attempts = row.GetInt32(7),
        DueAt = NullableTime(row, 8),
        RecordedAt = StoredFormats.ParseTime(row.GetInt64(9)),
    };

    /// <summary>Reads a row of <see cref="InboxColumns"/>.</summary>
    public static InboxEvent ReadEvent(DbDataReader row) => new(
        row.GetInt64(0),
        row.GetString(1),
        row.GetString(2),
        row.GetString(3),
        NullableString(row, 4),
        StoredFormats.ParseTime(row.GetInt64(5)));

    public static string? NullableString(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    public static DateTimeOffset? NullableTime(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : StoredFormats.ParseTime(row.GetInt64(ordinal));

    /// <summary>The waiting-for names stored as JSON text (<see cref="StoredFormats.WaitingFor"/>).</summary>
    public static IReadOnlyList<string> WaitingForFromJson(DbDataReader row, int ordinal) => StoredFormats.ParseWaitingFor(NullableString(row, ordinal));
}
