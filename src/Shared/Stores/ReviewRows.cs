using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Foreman.Autonomy;
using Foreman.Reviews;

namespace Foreman.Stores;

/// <summary>
/// The review stores' column lists, stored formats and row mapping, shared so a review item reads the same in SQLite
/// and PostgreSQL. Rows are read through <see cref="DbDataReader"/>: SQLite's reader turns its stored text and
/// integers into the decimal and boolean PostgreSQL stores natively.
/// </summary>
internal static class ReviewRows
{
    public const string Columns = "item_id, queue, run_id, decision_type, level, status, packet, tool_name, proposed_action, action_hash, action_schema, created_at, due_at, human_cost, cost_currency, escalated_from, decided_at, decided_by, reason, modified_action, approved_action_hash, delivered";

    public const string OutcomeColumns = "item_id, status, decided_at, decided_by";

    public const string LevelChangeColumns = "decision_type, from_level, to_level, kind, reason, samples, clean, at, changed_by";

    private static readonly JsonSerializerOptions PacketJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Packet(EscalationPacket packet) => JsonSerializer.Serialize(packet, PacketJson);

    public static string StatusText(ReviewStatus status) => status.ToString().ToLowerInvariant();

    public static ReviewStatus ParseStatus(string text) => Enum.Parse<ReviewStatus>(text, ignoreCase: true);

    /// <summary>
    /// The result for a decision that lost its compare-and-set: a decided item never changes again, so the item as
    /// read afterwards shows the winner.
    /// </summary>
    public static DecideResult Lost(ReviewItem? current) => current switch
    {
        null => new DecideResult(DecideStatus.NotFound, null, []),
        { Status: ReviewStatus.Expired } => new DecideResult(DecideStatus.Expired, current, []),
        _ => new DecideResult(DecideStatus.Conflict, current, []),
    };

    /// <summary>Reads the rows of <see cref="Columns"/> a command returns.</summary>
    public static async Task<IReadOnlyList<ReviewItem>> ReadItemsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var items = new List<ReviewItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadItem(reader));
        }

        return items;
    }

    /// <summary>Reads the rows of <see cref="OutcomeColumns"/> a command returns, all of one decision type.</summary>
    public static async Task<IReadOnlyList<ReviewOutcome>> ReadOutcomesAsync(DbCommand command, string decisionType, CancellationToken cancellationToken)
    {
        var outcomes = new List<ReviewOutcome>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes.Add(new ReviewOutcome(reader.GetString(0), decisionType, ParseStatus(reader.GetString(1)), FromMilliseconds(reader.GetInt64(2)), reader.GetString(3)));
        }

        return outcomes;
    }

    /// <summary>Reads the rows of <see cref="LevelChangeColumns"/> a command returns.</summary>
    public static async Task<IReadOnlyList<LevelChange>> ReadLevelChangesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var changes = new List<LevelChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new LevelChange(
                reader.GetString(0),
                (AutonomyLevel)reader.GetInt32(1),
                (AutonomyLevel)reader.GetInt32(2),
                Enum.Parse<LevelChangeKind>(reader.GetString(3)),
                reader.GetString(4),
                reader.GetInt32(5),
                reader.GetInt32(6),
                FromMilliseconds(reader.GetInt64(7)),
                reader.GetString(8)));
        }

        return changes;
    }

    private static ReviewItem ReadItem(DbDataReader reader) => new()
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
    };

    private static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
