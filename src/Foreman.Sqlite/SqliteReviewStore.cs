using System.Globalization;
using Foreman.Autonomy;
using Foreman.Reviews;
using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>
/// The review store on SQLite, in the workflow store's file (its own tables and schema version). Each call opens
/// its own connection, so concurrent reviewers in one process or many contend only on SQLite's write lock (WAL,
/// busy timeout). Decisions are a single <c>UPDATE … WHERE status = 'pending' RETURNING …</c>: SQLite runs it
/// atomically, so exactly one of any number of racing decisions changes the row. Thread-safe.
/// </summary>
public sealed partial class SqliteReviewStore : IReviewStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">Options; copied.</param>
    public SqliteReviewStore(SqliteReviewStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = SqliteDatabase.InWorkflowFile(options.DatabasePath, SqliteSynchronousMode.Full, options.BusyTimeout);
    }

    /// <summary>Creates or migrates the review tables. The workflow store must have initialized the file first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync(SqliteReviewSchema.Migrate, cancellationToken);

    /// <inheritdoc />
    public async Task<(ReviewItem Item, bool Created)> CreateAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var connection = _database.OpenWriter();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO review_items ({ReviewRows.Columns})
            VALUES ($id, $queue, $run, $type, $level, 'pending', $packet, $tool, $proposed, $hash, $schema, $created, $due, $cost, $currency, $from, NULL, NULL, NULL, NULL, NULL, 0)
            ON CONFLICT (item_id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", item.ItemId);
        command.Parameters.AddWithValue("$queue", item.Queue);
        command.Parameters.AddWithValue("$run", item.RunId);
        command.Parameters.AddWithValue("$type", item.DecisionType);
        command.Parameters.AddWithValue("$level", (int)item.Level);
        command.Parameters.AddWithValue("$packet", ReviewRows.Packet(item.Packet));
        command.Parameters.AddWithValue("$tool", item.ToolName);
        command.Parameters.AddWithValue("$proposed", item.ProposedAction);
        command.Parameters.AddWithValue("$hash", item.ActionHash);
        command.Parameters.AddWithValue("$schema", (object?)item.ActionSchema ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", item.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$due", item.DueAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$cost", item.HumanCost.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$currency", item.CostCurrency);
        command.Parameters.AddWithValue("$from", (object?)item.EscalatedFrom ?? DBNull.Value);
        var created = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        var stored = await GetAsync(connection, item.ItemId, cancellationToken);
        return (stored!, created);
    }

    /// <inheritdoc />
    public async Task<ReviewItem?> GetAsync(string itemId, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        return await GetAsync(connection, itemId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewItem>> ListAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ReviewRows.Columns} FROM review_items
            WHERE ($status IS NULL OR status = $status) AND ($queue IS NULL OR queue = $queue) AND ($run IS NULL OR run_id = $run)
            ORDER BY created_at, item_id
            """;
        command.Parameters.AddWithValue("$status", query.Status is { } s ? ReviewRows.StatusText(s) : DBNull.Value);
        command.Parameters.AddWithValue("$queue", (object?)query.Queue ?? DBNull.Value);
        command.Parameters.AddWithValue("$run", (object?)query.RunId ?? DBNull.Value);
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
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReviewRows.Columns} FROM review_items WHERE delivered = 0 AND status <> 'pending' ORDER BY decided_at, item_id";
        return await ReviewRows.ReadItemsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task MarkDeliveredAsync(string itemId, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenWriter();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE review_items SET delivered = 1 WHERE item_id = $id AND status <> 'pending'";
        command.Parameters.AddWithValue("$id", itemId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewOutcome>> ListOutcomesAsync(string decisionType, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ReviewRows.OutcomeColumns} FROM review_items
            WHERE decision_type = $type AND status IN ('approved', 'modified', 'rejected') AND decided_at > $since
            ORDER BY decided_at, item_id
            """;
        command.Parameters.AddWithValue("$type", decisionType);
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        return await ReviewRows.ReadOutcomesAsync(command, decisionType, cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendLevelChangeAsync(LevelChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = _database.OpenWriter();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO review_level_changes (decision_type, from_level, to_level, kind, reason, samples, clean, at, changed_by)
            VALUES ($type, $from, $to, $kind, $reason, $samples, $clean, $at, $by)
            """;
        command.Parameters.AddWithValue("$type", change.DecisionType);
        command.Parameters.AddWithValue("$from", (int)change.From);
        command.Parameters.AddWithValue("$to", (int)change.To);
        command.Parameters.AddWithValue("$kind", change.Kind.ToString());
        command.Parameters.AddWithValue("$reason", change.Reason);
        command.Parameters.AddWithValue("$samples", change.Samples);
        command.Parameters.AddWithValue("$clean", change.CleanApprovals);
        command.Parameters.AddWithValue("$at", change.At.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$by", change.ChangedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LevelChange>> ListLevelChangesAsync(string? decisionType, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ReviewRows.LevelChangeColumns} FROM review_level_changes
            WHERE $type IS NULL OR decision_type = $type ORDER BY id
            """;
        command.Parameters.AddWithValue("$type", (object?)decisionType ?? DBNull.Value);
        return await ReviewRows.ReadLevelChangesAsync(command, cancellationToken);
    }
}
