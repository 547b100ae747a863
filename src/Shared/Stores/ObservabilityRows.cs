using System.Data.Common;
using Foreman.Alerts;
using Foreman.Quality;
using Foreman.Tracing;
using static Foreman.Stores.ObservabilityUnits;

namespace Foreman.Stores;

/// <summary>
/// Reads alert, quality-sample and run-summary rows, whose columns are the same in both databases. Flags are read with
/// <see cref="DbDataReader.GetBoolean"/>, which both providers answer (SQLite from its 0/1 integers). The one column
/// stored differently, a summary's agent list, is read by the function each store passes in.
/// </summary>
internal static class ObservabilityRows
{
    public static Alert ReadAlert(DbDataReader row) => new()
    {
        AlertId = row.GetString(0),
        Rule = row.GetString(1),
        Subject = row.GetString(2),
        Severity = (AlertSeverity)row.GetInt32(3),
        Message = row.GetString(4),
        Value = row.GetDouble(5),
        Threshold = row.GetDouble(6),
        State = Enum.Parse<AlertState>(row.GetString(7), ignoreCase: true),
        FiredAt = FromMicros(row.GetInt64(8)),
        LastSeenAt = FromMicros(row.GetInt64(9)),
        Occurrences = row.GetInt32(10),
        ResolvedAt = NullableTime(row, 11),
        NotifiedAt = NullableTime(row, 12),
    };

    public static QualitySample ReadSample(DbDataReader row) => new()
    {
        SampleId = row.GetString(0),
        RunId = row.GetString(1),
        Pipeline = row.GetString(2),
        Agent = row.GetString(3),
        TaskType = row.GetString(4),
        Output = row.GetString(5),
        Confidence = row.GetDouble(6),
        SampledAt = FromMicros(row.GetInt64(7)),
        Status = Enum.Parse<QualitySampleStatus>(row.GetString(8), ignoreCase: true),
        ReviewItemId = StoredRows.NullableString(row, 9),
        Correct = row.IsDBNull(10) ? null : row.GetBoolean(10),
        Expected = StoredRows.NullableString(row, 11),
        TruePositives = row.GetInt32(12),
        FalsePositives = row.GetInt32(13),
        FalseNegatives = row.GetInt32(14),
        VerifiedBy = StoredRows.NullableString(row, 15),
        VerifiedAt = NullableTime(row, 16),
    };

    public static TraceRunSummary ReadRunSummary(DbDataReader row, Func<DbDataReader, int, IReadOnlyList<string>> readAgents) => new()
    {
        RunId = row.GetString(0),
        Pipeline = StoredRows.NullableString(row, 1),
        Status = StoredRows.NullableString(row, 2),
        StartedAt = FromMicros(row.GetInt64(3)),
        EndedAt = FromMicros(row.GetInt64(4)),
        Spans = row.GetInt32(5),
        AgentInvocations = row.GetInt32(6),
        ModelCalls = row.GetInt32(7),
        RetriedModelCalls = row.GetInt32(8),
        ToolCalls = row.GetInt32(9),
        ToolErrors = row.GetInt32(10),
        ToolRetries = row.GetInt32(11),
        LoopDetections = row.GetInt32(12),
        GuardrailRejections = row.GetInt32(13),
        ValidationFailures = row.GetInt32(14),
        InputTokens = row.GetInt64(15),
        OutputTokens = row.GetInt64(16),
        Cost = FromNanos(row.GetInt64(17)),
        RetryCost = FromNanos(row.GetInt64(18)),
        MinConfidence = row.IsDBNull(19) ? null : row.GetDouble(19),
        Agents = readAgents(row, 20),
        Correct = row.IsDBNull(21) ? null : row.GetBoolean(21),
    };

    private static DateTimeOffset? NullableTime(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : FromMicros(row.GetInt64(ordinal));
}
