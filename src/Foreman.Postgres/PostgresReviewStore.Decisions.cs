using Foreman.Reviews;

namespace Foreman.Postgres;

/// <summary>Deciding an item: one compare-and-set, and the winner read back when it is lost.</summary>
public sealed partial class PostgresReviewStore
{
    private async Task<DecideResult> CompareAndSetAsync(string itemId, ReviewOutcomeWrite write, CancellationToken cancellationToken)
    {
        await using (var command = _dataSource.CreateCommand($"""
            UPDATE {_table}
            SET status = $1, decided_at = $2, decided_by = $3, reason = $4, modified_action = $5, approved_action_hash = $6, delivered = $7
            WHERE item_id = $8 AND status = 'pending'
            RETURNING {ReviewRows.Columns}
            """))
        {
            command.With(ReviewRows.StatusText(write.Status)).With(write.At.ToUnixTimeMilliseconds()).With(write.DecidedBy).With(write.Reason).With(write.ModifiedAction)
                .With(write.ApprovedActionHash).With(write.Delivered).With(itemId);
            var won = await ReviewRows.ReadItemsAsync(command, cancellationToken);
            if (won.Count == 1)
            {
                return new DecideResult(DecideStatus.Decided, won[0], []);
            }
        }

        return ReviewRows.Lost(await GetAsync(itemId, cancellationToken));
    }
}
