using Foreman.Sqlite;
using Foreman.Workflows.Storage;
using Npgsql;

namespace Foreman.Postgres;

/// <summary>The column lists the store selects and how a row becomes a record; the two must stay in step.</summary>
internal static class PostgresRows
{
    public const string RunColumns =
        "run_id, workflow, input, status, version, epoch, idempotency_key, lease_owner, lease_expires_at, wake_at, " +
        "waiting_for, parent_run_id, output, error, business_state, claims, created_at, updated_at";

    /// <summary>The run columns of the table aliased <c>r</c> (for statements that join).</summary>
    public static readonly string QualifiedRunColumns = string.Join(", ", RunColumns.Split(", ").Select(c => "r." + c));

    public const int RunColumnCount = 18;

    public const string JournalColumns = "run_id, seq, key, kind, name, state, payload, attempts, due_at, recorded_at";

    public const string InboxColumns = "id, run_id, name, payload, dedupe_key, received_at";

    public static RunRecord ReadRun(NpgsqlDataReader row) => new()
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
        WaitingFor = row.IsDBNull(10) ? [] : row.GetFieldValue<string[]>(10),
        ParentRunId = NullableString(row, 11),
        Output = NullableString(row, 12),
        Error = NullableString(row, 13),
        BusinessState = NullableString(row, 14),
        Claims = row.GetInt32(15),
        CreatedAt = StoredFormats.ParseTime(row.GetInt64(16)),
        UpdatedAt = StoredFormats.ParseTime(row.GetInt64(17)),
    };

    public static JournalEntry ReadEntry(NpgsqlDataReader row) => new()
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

    public static InboxEvent ReadEvent(NpgsqlDataReader row) => new(
        row.GetInt64(0),
        row.GetString(1),
        row.GetString(2),
        row.GetString(3),
        NullableString(row, 4),
        StoredFormats.ParseTime(row.GetInt64(5)));

    public static string? NullableString(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    public static DateTimeOffset? NullableTime(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : StoredFormats.ParseTime(row.GetInt64(ordinal));
}
