using System.Globalization;
using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Reviews;
using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>Compare-and-set and row mapping.</summary>
public sealed partial class SqliteReviewStore
{
    private async Task<DecideResult> CompareAndSetAsync(string itemId, ReviewStatus status, string decidedBy, string? reason, string? modified, string? approvedHash, DateTimeOffset at, bool delivered, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenWriter();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                UPDATE review_items
                SET status = $status, decided_at = $at, decided_by = $by, reason = $reason, modified_action = $modified, approved_action_hash = $hash, delivered = $delivered
                WHERE item_id = $id AND status = 'pending'
                RETURNING {Columns}
                """;
            command.Parameters.AddWithValue("$status", StatusText(status));
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$by", decidedBy);
            command.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
            command.Parameters.AddWithValue("$modified", (object?)modified ?? DBNull.Value);
            command.Parameters.AddWithValue("$hash", (object?)approvedHash ?? DBNull.Value);
            command.Parameters.AddWithValue("$delivered", delivered ? 1 : 0);
            command.Parameters.AddWithValue("$id", itemId);
            var won = await ReadItemsAsync(command, cancellationToken);
            if (won.Count == 1)
            {
                return new DecideResult(DecideStatus.Decided, won[0], []);
            }
        }

        // Lost: a decided item never changes again, so reading it now shows the winner.
        var current = await GetAsync(connection, itemId, cancellationToken);
        return current switch
        {
            null => new DecideResult(DecideStatus.NotFound, null, []),
            { Status: ReviewStatus.Expired } => new DecideResult(DecideStatus.Expired, current, []),
            _ => new DecideResult(DecideStatus.Conflict, current, []),
        };
    }

    private static async Task<ReviewItem?> GetAsync(SqliteConnection connection, string itemId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM review_items WHERE item_id = $id";
        command.Parameters.AddWithValue("$id", itemId);
        var items = await ReadItemsAsync(command, cancellationToken);
        return items.Count == 0 ? null : items[0];
    }

    private static async Task<IReadOnlyList<ReviewItem>> ReadItemsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var items = new List<ReviewItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ReviewItem
            {
                ItemId = reader.GetString(0),
                Queue = reader.GetString(1),
                RunId = reader.GetString(2),
                DecisionType = reader.GetString(3),
                Level = (AutonomyLevel)reader.GetInt32(4),
                Status = ParseStatus(reader.GetString(5)),
                Packet = JsonSerializer.Deserialize<EscalationPacket>(reader.GetString(6), PacketJson)!,
                ToolName = reader.GetString(7),
                ProposedAction = reader.GetString(8),
                ActionHash = reader.GetString(9),
                ActionSchema = reader.IsDBNull(10) ? null : reader.GetString(10),
                CreatedAt = FromMilliseconds(reader.GetInt64(11)),
                DueAt = FromMilliseconds(reader.GetInt64(12)),
                HumanCost = decimal.Parse(reader.GetString(13), CultureInfo.InvariantCulture),
                CostCurrency = reader.GetString(14),
                EscalatedFrom = reader.IsDBNull(15) ? null : reader.GetString(15),
                DecidedAt = reader.IsDBNull(16) ? null : FromMilliseconds(reader.GetInt64(16)),
                DecidedBy = reader.IsDBNull(17) ? null : reader.GetString(17),
                Reason = reader.IsDBNull(18) ? null : reader.GetString(18),
                ModifiedAction = reader.IsDBNull(19) ? null : reader.GetString(19),
                ApprovedActionHash = reader.IsDBNull(20) ? null : reader.GetString(20),
                Delivered = reader.GetInt64(21) != 0,
            });
        }

        return items;
    }

    private static string StatusText(ReviewStatus status) => status.ToString().ToLowerInvariant();

    private static ReviewStatus ParseStatus(string text) => Enum.Parse<ReviewStatus>(text, ignoreCase: true);

    private static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
