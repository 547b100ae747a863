using Foreman.Reviews;
using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>Deciding an item: one compare-and-set, and the winner read back when it is lost.</summary>
public sealed partial class SqliteReviewStore
{
    private async Task<DecideResult> CompareAndSetAsync(string itemId, ReviewOutcomeWrite write, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenWriter();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                UPDATE review_items
                SET status = $status, decided_at = $at, decided_by = $by, reason = $reason, modified_action = $modified, approved_action_hash = $hash, delivered = $delivered
                WHERE item_id = $id AND status = 'pending'
                RETURNING {ReviewRows.Columns}
                """;
            command.Parameters.AddWithValue("$status", ReviewRows.StatusText(write.Status));
            command.Parameters.AddWithValue("$at", write.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$by", write.DecidedBy);
            command.Parameters.AddWithValue("$reason", (object?)write.Reason ?? DBNull.Value);
            command.Parameters.AddWithValue("$modified", (object?)write.ModifiedAction ?? DBNull.Value);
            command.Parameters.AddWithValue("$hash", (object?)write.ApprovedActionHash ?? DBNull.Value);
            command.Parameters.AddWithValue("$delivered", write.Delivered ? 1 : 0);
            command.Parameters.AddWithValue("$id", itemId);
            var won = await ReviewRows.ReadItemsAsync(command, cancellationToken);
            if (won.Count == 1)
            {
                return new DecideResult(DecideStatus.Decided, won[0], []);
            }
        }

        return ReviewRows.Lost(await GetAsync(connection, itemId, cancellationToken));
    }

    private static async Task<ReviewItem?> GetAsync(SqliteConnection connection, string itemId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReviewRows.Columns} FROM review_items WHERE item_id = $id";
        command.Parameters.AddWithValue("$id", itemId);
        var items = await ReviewRows.ReadItemsAsync(command, cancellationToken);
        return items.Count == 0 ? null : items[0];
    }
}
