using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Reviews;
using Npgsql;

namespace Foreman.Postgres;

/// <summary>Compare-and-set and row mapping.</summary>
public sealed partial class PostgresReviewStore
{
    private async Task<DecideResult> CompareAndSetAsync(string itemId, ReviewStatus status, string decidedBy, string? reason, string? modified, string? approvedHash, DateTimeOffset at, bool delivered, CancellationToken cancellationToken)
    {
        await using (var command = _dataSource.CreateCommand($"""
            UPDATE {_table}
            SET status = $1, decided_at = $2, decided_by = $3, reason = $4, modified_action = $5, approved_action_hash = $6, delivered = $7
            WHERE item_id = $8 AND status = 'pending'
            RETURNING {Columns}
            """))
        {
            command.With(StatusText(status)).With(at.ToUnixTimeMilliseconds()).With(decidedBy).With(reason).With(modified).With(approvedHash).With(delivered).With(itemId);
            var won = await ReadItemsAsync(command, cancellationToken);
            if (won.Count == 1)
            {
                return new DecideResult(DecideStatus.Decided, won[0], []);
            }
        }

        // Lost: a decided item never changes again, so reading it now shows the winner.
        var current = await GetAsync(itemId, cancellationToken);
        return current switch
        {
            null => new DecideResult(DecideStatus.NotFound, null, []),
            { Status: ReviewStatus.Expired } => new DecideResult(DecideStatus.Expired, current, []),
            _ => new DecideResult(DecideStatus.Conflict, current, []),
        };
    }

    private static async Task<IReadOnlyList<ReviewItem>> ReadItemsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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
                ActionSchema = StoredRows.NullableString(reader, 10),
                CreatedAt = FromMilliseconds(reader.GetInt64(11)),
                DueAt = FromMilliseconds(reader.GetInt64(12)),
                HumanCost = reader.GetDecimal(13),
                CostCurrency = reader.GetString(14),
                EscalatedFrom = StoredRows.NullableString(reader, 15),
                DecidedAt = reader.IsDBNull(16) ? null : FromMilliseconds(reader.GetInt64(16)),
                DecidedBy = StoredRows.NullableString(reader, 17),
                Reason = StoredRows.NullableString(reader, 18),
                ModifiedAction = StoredRows.NullableString(reader, 19),
                ApprovedActionHash = StoredRows.NullableString(reader, 20),
                Delivered = reader.GetBoolean(21),
            });
        }

        return items;
    }

    private static string StatusText(ReviewStatus status) => status.ToString().ToLowerInvariant();

    private static ReviewStatus ParseStatus(string text) => Enum.Parse<ReviewStatus>(text, ignoreCase: true);

    private static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
