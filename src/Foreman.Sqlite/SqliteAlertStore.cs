using Foreman.Alerts;
using Microsoft.Data.Sqlite;
using static Foreman.Sqlite.ObservabilitySchema;
using static Foreman.Stores.ObservabilityUnits;

namespace Foreman.Sqlite;

/// <summary>
/// The alert store on SQLite, in the workflow store's file. A partial unique index allows one firing alert per
/// fingerprint; raising is a read and an insert or update inside one write transaction. Thread-safe.
/// </summary>
public sealed class SqliteAlertStore : IAlertStore
{
    private const string Columns = "alert_id, rule, subject, severity, message, value, threshold, state, fired_at, last_seen_at, occurrences, resolved_at, notified_at";

    private readonly SqliteDatabase _database;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">Options; copied.</param>
    public SqliteAlertStore(SqliteAlertStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = SqliteDatabase.InWorkflowFile(options.DatabasePath, SqliteSynchronousMode.Full, options.BusyTimeout);
    }

    /// <summary>Creates or migrates the alert tables. The workflow store must have initialized the file first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync(static (connection, path) => ObservabilitySchema.Migrate(connection, path, "alert_schema_version", "alert", SqliteAlertSchema.Migrations), cancellationToken);

    /// <inheritdoc />
    public async Task<(Alert Alert, AlertChange Change)> RaiseAsync(AlertCandidate candidate, string newAlertId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        await using var connection = _database.OpenWriter();
        (Alert, AlertChange) result = default;
        SqliteMigrator.InWriteTransaction(connection, () =>
        {
            var firing = ReadFiring(connection, candidate.Fingerprint);
            using var command = connection.CreateCommand();
            command.Parameters.AddWithValue("$message", candidate.Message);
            command.Parameters.AddWithValue("$value", candidate.Value);
            command.Parameters.AddWithValue("$threshold", candidate.Threshold);
            command.Parameters.AddWithValue("$at", Micros(at));
            command.Parameters.AddWithValue("$severity", (int)candidate.Severity);
            AlertChange change;
            string id;
            if (firing is null)
            {
                id = newAlertId;
                change = AlertChange.Created;
                command.CommandText = $"""
                    INSERT INTO alerts ({Columns}, fingerprint)
                    VALUES ($id, $rule, $subject, $severity, $message, $value, $threshold, 'firing', $at, $at, 1, NULL, NULL, $fingerprint)
                    """;
                command.Parameters.AddWithValue("$id", id);
                command.Parameters.AddWithValue("$rule", candidate.Rule);
                command.Parameters.AddWithValue("$subject", candidate.Subject);
                command.Parameters.AddWithValue("$fingerprint", candidate.Fingerprint);
            }
            else
            {
                id = firing.AlertId;
                var escalated = candidate.Severity > firing.Severity;
                change = escalated ? AlertChange.Escalated : AlertChange.Updated;

                // An escalation must reach a person again, so it counts as not yet notified.
                command.CommandText = $"""
                    UPDATE alerts SET message = $message, value = $value, threshold = $threshold, last_seen_at = $at, occurrences = occurrences + 1,
                                      severity = max(severity, $severity){(escalated ? ", notified_at = NULL" : string.Empty)}
                    WHERE alert_id = $id
                    """;
                command.Parameters.AddWithValue("$id", id);
            }

            command.ExecuteNonQuery();
            result = (Read(connection, id)!, change);
        });
        return result;
    }

    /// <inheritdoc />
    public async Task<Alert?> ResolveAsync(string fingerprint, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenWriter();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alerts SET state = 'resolved', resolved_at = $at WHERE fingerprint = $fingerprint AND state = 'firing' RETURNING alert_id";
        command.Parameters.AddWithValue("$fingerprint", fingerprint);
        command.Parameters.AddWithValue("$at", Micros(at));
        var id = await command.ExecuteScalarAsync(cancellationToken) as string;
        return id is null ? null : Read(connection, id);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM alerts
            WHERE ($state IS NULL OR state = $state) AND ($since IS NULL OR fired_at >= $since) AND ($rule IS NULL OR rule = $rule)
            ORDER BY fired_at DESC, alert_id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$state", query.State is { } s ? s.ToString().ToLowerInvariant() : DBNull.Value);
        command.Parameters.AddWithValue("$since", query.Since is { } since ? Micros(since) : DBNull.Value);
        command.Parameters.AddWithValue("$rule", (object?)query.Rule ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit);
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(ObservabilityRows.ReadAlert(reader));
        }

        return alerts;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Alert>> ListFiringAsync(string rule, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alerts WHERE rule = $rule AND state = 'firing' ORDER BY fingerprint";
        command.Parameters.AddWithValue("$rule", rule);
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(ObservabilityRows.ReadAlert(reader));
        }

        return alerts;
    }

    /// <inheritdoc />
    public async Task MarkNotifiedAsync(string alertId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenWriter();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alerts SET notified_at = $at WHERE alert_id = $id";
        command.Parameters.AddWithValue("$id", alertId);
        command.Parameters.AddWithValue("$at", Micros(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Alert? ReadFiring(SqliteConnection connection, string fingerprint) =>
        SqliteQuery.FirstOrNull(connection, $"SELECT {Columns} FROM alerts WHERE fingerprint = $fingerprint AND state = 'firing'", "$fingerprint", fingerprint, ObservabilityRows.ReadAlert);

    private static Alert? Read(SqliteConnection connection, string alertId) =>
        SqliteQuery.FirstOrNull(connection, $"SELECT {Columns} FROM alerts WHERE alert_id = $id", "$id", alertId, ObservabilityRows.ReadAlert);
}
