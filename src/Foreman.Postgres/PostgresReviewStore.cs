using Foreman.Autonomy;
using Foreman.Reviews;
using Npgsql;

namespace Foreman.Postgres;

/// <summary>
/// The review store on PostgreSQL, in the workflow store's schema (its own tables and schema version). A decision is
/// one <c>UPDATE … WHERE status = 'pending' RETURNING …</c>: the row lock makes exactly one of any number of racing
/// decisions (from any number of servers) change the item. Thread-safe.
/// </summary>
public sealed partial class PostgresReviewStore : IReviewStore, IAsyncDisposable
{
    private readonly PostgresStoreDatabase _database;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly string _changes;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">Options; copied.</param>
    public PostgresReviewStore(PostgresReviewStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new PostgresStoreDatabase(options.ConnectionString, options.Schema, nameof(options));
        _dataSource = _database.DataSource;
        _table = _database.Table("review_items");
        _changes = _database.Table("review_level_changes");
    }

    /// <summary>Creates or migrates the review tables (safe when several nodes start at once).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync("review_schema_version", PostgresReviewSchema.Migrations, ["review_items", "review_level_changes"], cancellationToken);

    /// <summary>Closes the store's connections.</summary>
    /// <returns>A task.</returns>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <inheritdoc />
    public async Task<(ReviewItem Item, bool Created)> CreateAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {_table} ({ReviewRows.Columns})
            VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, NULL, NULL, NULL, NULL, NULL, false)
            ON CONFLICT (item_id) DO NOTHING
            """);
        command.With(item.ItemId).With(item.Queue).With(item.RunId).With(item.DecisionType).With((int)item.Level)
            .With(ReviewRows.Packet(item.Packet)).With(item.ToolName).With(item.ProposedAction).With(item.ActionHash).With(item.ActionSchema)
            .With(item.CreatedAt.ToUnixTimeMilliseconds()).With(item.DueAt.ToUnixTimeMilliseconds());
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric, Value = item.HumanCost });
        command.With(item.CostCurrency).With(item.EscalatedFrom);
        var created = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        return ((await GetAsync(item.ItemId, cancellationToken))!, created);
    }

    /// <inheritdoc />
    public async Task<ReviewItem?> GetAsync(string itemId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {ReviewRows.Columns} FROM {_table} WHERE item_id = $1").With(itemId);
        var items = await ReviewRows.ReadItemsAsync(command, cancellationToken);
        return items.Count == 0 ? null : items[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewItem>> ListAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {ReviewRows.Columns} FROM {_table}
            WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR queue = $2) AND ($3::text IS NULL OR run_id = $3)
            ORDER BY created_at, item_id
            """).With(query.Status is { } s ? ReviewRows.StatusText(s) : null).With(query.Queue).With(query.RunId);
        return await ReviewRows.ReadItemsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DecideResult> DecideAsync(string itemId, ReviewDecision decision, string? approvedActionHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        CompareAndSetAsync(itemId, ReviewOutcomeWrite.Decide(decision, approvedActionHash, at), cancellationToken);

    /// <inheritdoc />
    public Task<DecideResult> ExpireAsync(string itemId, DateTimeOffset at, CancellationToken cancellationToken) =>
        CompareAndSetAsync(itemId, ReviewOutcomeWrite.Expire(at), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewItem>> ListUndeliveredAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {ReviewRows.Columns} FROM {_table} WHERE NOT delivered AND status <> 'pending' ORDER BY decided_at, item_id");
        return await ReviewRows.ReadItemsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task MarkDeliveredAsync(string itemId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"UPDATE {_table} SET delivered = true WHERE item_id = $1 AND status <> 'pending'").With(itemId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewOutcome>> ListOutcomesAsync(string decisionType, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {ReviewRows.OutcomeColumns} FROM {_table}
            WHERE decision_type = $1 AND status IN ('approved', 'modified', 'rejected') AND decided_at > $2
            ORDER BY decided_at, item_id
            """).With(decisionType).With(since.ToUnixTimeMilliseconds());
        return await ReviewRows.ReadOutcomesAsync(command, decisionType, cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendLevelChangeAsync(LevelChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {_changes} (decision_type, from_level, to_level, kind, reason, samples, clean, at, changed_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """).With(change.DecisionType).With((int)change.From).With((int)change.To).With(change.Kind.ToString()).With(change.Reason)
            .With(change.Samples).With(change.CleanApprovals).With(change.At.ToUnixTimeMilliseconds()).With(change.ChangedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LevelChange>> ListLevelChangesAsync(string? decisionType, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {ReviewRows.LevelChangeColumns} FROM {_changes}
            WHERE $1::text IS NULL OR decision_type = $1 ORDER BY id
            """).With(decisionType);
        return await ReviewRows.ReadLevelChangesAsync(command, cancellationToken);
    }
}
