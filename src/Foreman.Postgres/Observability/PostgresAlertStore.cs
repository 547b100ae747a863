using Foreman.Alerts;
using Npgsql;
using static Foreman.Postgres.PostgresText;
using static Foreman.Stores.ObservabilityUnits;

namespace Foreman.Postgres;

/// <summary>
/// The alert store on PostgreSQL, in the workflow store's schema (its own table and schema version). A partial unique
/// index allows one firing alert per fingerprint, for every server evaluating the rules: raising is an
/// <c>UPDATE</c> of the firing alert, else an <c>INSERT … ON CONFLICT DO NOTHING</c>, retried when another node
/// inserted first, so two servers finding the same condition at once make one alert, never two. Thread-safe.
/// </summary>
public sealed class PostgresAlertStore : IAlertStore, IAsyncDisposable
{
    private const string Columns = "alert_id, rule, subject, severity, message, value, threshold, state, fired_at, last_seen_at, occurrences, resolved_at, notified_at";

    // Each round either updates a firing alert or inserts one; it loses only to another node's insert or resolution
    // in between, which cannot go on for long.
    private const int MaxRounds = 8;

    private readonly PostgresStoreDatabase _database;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">Options; copied.</param>
    public PostgresAlertStore(PostgresObservabilityStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new PostgresStoreDatabase(options.ConnectionString, options.Schema, nameof(options));
        _dataSource = _database.DataSource;
        _table = _database.Table("alerts");
    }

    /// <summary>Creates or migrates the alert table (safe when several nodes start at once).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync("alert_schema_version", PostgresAlertSchema.Migrations, PostgresAlertSchema.Tables, cancellationToken);

    /// <summary>Closes the store's connections.</summary>
    /// <returns>A task.</returns>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <inheritdoc />
    public async Task<(Alert Alert, AlertChange Change)> RaiseAsync(AlertCandidate candidate, string newAlertId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentException.ThrowIfNullOrWhiteSpace(newAlertId);
        for (var round = 0; round < MaxRounds; round++)
        {
            if (await UpdateFiringAsync(candidate, at, cancellationToken) is { } updated)
            {
                return updated;
            }

            if (await InsertFiringAsync(candidate, newAlertId, at, cancellationToken) is { } created)
            {
                return (created, AlertChange.Created);
            }
        }

        throw new InvalidOperationException($"Raising the alert '{candidate.Fingerprint}' kept racing with other nodes ({MaxRounds} rounds).");
    }

    /// <inheritdoc />
    public async Task<Alert?> ResolveAsync(string fingerprint, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"UPDATE {_table} SET state = 'resolved', resolved_at = $1 WHERE fingerprint = $2 AND state = 'firing' RETURNING {Columns}")
            .With(Micros(at)).With(fingerprint);
        var resolved = await ReadAlertsAsync(command, cancellationToken);
        return resolved.Count == 0 ? null : resolved[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM {_table}
            WHERE ($1::text IS NULL OR state = $1) AND ($2::bigint IS NULL OR fired_at >= $2) AND ($3::text IS NULL OR rule = $3)
            ORDER BY fired_at DESC, alert_id COLLATE "C" DESC LIMIT $4
            """).With(query.State is { } s ? s.ToString().ToLowerInvariant() : null).With(query.Since is { } since ? (long?)Micros(since) : null).With(query.Rule).With(query.Limit);
        return await ReadAlertsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Alert>> ListFiringAsync(string rule, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM {_table} WHERE rule = $1 AND state = 'firing' ORDER BY fingerprint COLLATE \"C\"").With(rule);
        return await ReadAlertsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task MarkNotifiedAsync(string alertId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"UPDATE {_table} SET notified_at = $1 WHERE alert_id = $2").With(Micros(at)).With(alertId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The firing alert, locked first (FOR UPDATE) so its severity before this call is known: of two nodes escalating
    // at once, the second waits and then sees the raised severity, so only one reports an escalation.
    private async Task<(Alert, AlertChange)?> UpdateFiringAsync(AlertCandidate candidate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            UPDATE {_table} a
            SET message = $1, value = $2, threshold = $3, last_seen_at = $4, occurrences = a.occurrences + 1,
                severity = greatest(a.severity, $5),
                -- An escalation must reach a person again, so it counts as not yet notified.
                notified_at = CASE WHEN $5 > prior.severity THEN NULL ELSE a.notified_at END
            FROM (SELECT alert_id, severity FROM {_table} WHERE fingerprint = $6 AND state = 'firing' FOR UPDATE) prior
            WHERE a.alert_id = prior.alert_id
            RETURNING {string.Join(", ", Columns.Split(", ").Select(c => "a." + c))}, $5 > prior.severity
            """).With(candidate.Message).With(candidate.Value).With(candidate.Threshold).With(Micros(at)).With((int)candidate.Severity).With(candidate.Fingerprint);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (ObservabilityRows.ReadAlert(reader), reader.GetBoolean(13) ? AlertChange.Escalated : AlertChange.Updated);
    }

    private async Task<Alert?> InsertFiringAsync(AlertCandidate candidate, string newAlertId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {_table} ({Columns}, fingerprint)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'firing', $8, $8, 1, NULL, NULL, $9)
            ON CONFLICT (fingerprint) WHERE state = 'firing' DO NOTHING
            RETURNING {Columns}
            """).With(newAlertId).With(candidate.Rule).With(candidate.Subject).With((int)candidate.Severity).With(candidate.Message).With(candidate.Value)
            .With(candidate.Threshold).With(Micros(at)).With(candidate.Fingerprint);
        var inserted = await ReadAlertsAsync(command, cancellationToken);
        return inserted.Count == 0 ? null : inserted[0];
    }

    private static async Task<List<Alert>> ReadAlertsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(ObservabilityRows.ReadAlert(reader));
        }

        return alerts;
    }
}
