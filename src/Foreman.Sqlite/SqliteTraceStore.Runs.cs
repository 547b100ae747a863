using System.Globalization;
using Foreman.Tracing;
using Microsoft.Data.Sqlite;
using static Foreman.Sqlite.ObservabilitySchema;
using static Foreman.Stores.ObservabilityUnits;

namespace Foreman.Sqlite;

/// <summary>Run summaries: reading, writing, and the trace query language translated to SQL.</summary>
public sealed partial class SqliteTraceStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<TraceRunSummary>> QueryRunsAsync(TraceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Since is { } since)
        {
            where.Add("r.started_at >= $since");
            command.Parameters.AddWithValue("$since", Micros(since));
        }

        if (query.Until is { } until)
        {
            where.Add("r.started_at < $until");
            command.Parameters.AddWithValue("$until", Micros(until));
        }

        for (var i = 0; i < query.Conditions.Count; i++)
        {
            where.Add(Translate(query.Conditions[i], $"$p{i}", command));
        }

        command.CommandText = $"""
            {SelectRuns}
            {(where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where))}
            ORDER BY r.started_at DESC, r.run_id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", query.Limit);
        var runs = new List<TraceRunSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(ReadSummary(reader));
        }

        return runs;
    }

    // Field names map to fixed SQL expressions; values always travel as parameters.
    private static string Translate(TraceCondition condition, string parameter, SqliteCommand command)
    {
        var op = condition.Operator switch
        {
            TraceOperator.Equal => "=",
            TraceOperator.NotEqual => "<>",
            TraceOperator.LessThan => "<",
            TraceOperator.LessThanOrEqual => "<=",
            TraceOperator.GreaterThan => ">",
            _ => ">=",
        };
        switch (condition.Field)
        {
            case TraceField.Agent:
                command.Parameters.AddWithValue(parameter, $",{condition.Value},");
                return $"instr(agents, {parameter}) {(condition.Operator == TraceOperator.NotEqual ? "=" : ">")} 0";
            case TraceField.Pipeline or TraceField.Status:
                command.Parameters.AddWithValue(parameter, condition.Value);
                var column = condition.Field == TraceField.Pipeline ? "pipeline" : "status";
                return condition.Operator == TraceOperator.NotEqual
                    ? $"({column} IS NULL OR {column} <> {parameter} COLLATE NOCASE)"
                    : $"{column} = {parameter} COLLATE NOCASE";
            case TraceField.Correct:
                command.Parameters.AddWithValue(parameter, condition.Value.ToUpperInvariant() switch { "TRUE" => 1, "FALSE" => 0, _ => -1 });
                return $"coalesce(v.correct, -1) {op} {parameter}";
        }

        var expression = condition.Field switch
        {
            TraceField.Retries => "(retried_model_calls + tool_retries)",
            TraceField.Cost => "cost_nanos",
            TraceField.Duration => "((ended_at - started_at) / 1000000.0)",
            TraceField.ToolErrors => "tool_errors",
            TraceField.Confidence => "min_confidence",
            TraceField.Loops => "loop_detections",
            TraceField.Tokens => "(input_tokens + output_tokens)",
            TraceField.ModelCalls => "model_calls",
            _ => "validation_failures",
        };
        var value = condition.Number;
        command.Parameters.AddWithValue(parameter, condition.Field == TraceField.Cost ? value * 1e9 : value);
        return condition.Field == TraceField.Confidence
            ? $"(min_confidence IS NOT NULL AND {expression} {op} {parameter})"
            : $"{expression} {op} {parameter}";
    }

    private static TraceRunSummary? ReadRun(SqliteConnection connection, string runId) =>
        SqliteQuery.FirstOrNull(connection, $"{SelectRuns} WHERE r.run_id = $run", "$run", runId, ReadSummary);

    private static void WriteRun(SqliteConnection connection, TraceRunSummary run)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT OR REPLACE INTO trace_runs ({RunColumns})
            VALUES ($run, $pipeline, $status, $started, $ended, $spans, $agents_n, $model, $retried, $tools, $tool_errors, $tool_retries, $loops, $guardrails, $validation,
                    $input, $output, $cost, $retry_cost, $confidence, $agents)
            """;
        command.Parameters.AddWithValue("$run", run.RunId);
        command.Parameters.AddWithValue("$pipeline", (object?)run.Pipeline ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", (object?)run.Status ?? DBNull.Value);
        command.Parameters.AddWithValue("$started", Micros(run.StartedAt));
        command.Parameters.AddWithValue("$ended", Micros(run.EndedAt));
        command.Parameters.AddWithValue("$spans", run.Spans);
        command.Parameters.AddWithValue("$agents_n", run.AgentInvocations);
        command.Parameters.AddWithValue("$model", run.ModelCalls);
        command.Parameters.AddWithValue("$retried", run.RetriedModelCalls);
        command.Parameters.AddWithValue("$tools", run.ToolCalls);
        command.Parameters.AddWithValue("$tool_errors", run.ToolErrors);
        command.Parameters.AddWithValue("$tool_retries", run.ToolRetries);
        command.Parameters.AddWithValue("$loops", run.LoopDetections);
        command.Parameters.AddWithValue("$guardrails", run.GuardrailRejections);
        command.Parameters.AddWithValue("$validation", run.ValidationFailures);
        command.Parameters.AddWithValue("$input", run.InputTokens);
        command.Parameters.AddWithValue("$output", run.OutputTokens);
        command.Parameters.AddWithValue("$cost", Nanos(run.Cost));
        command.Parameters.AddWithValue("$retry_cost", Nanos(run.RetryCost));
        command.Parameters.AddWithValue("$confidence", (object?)run.MinConfidence ?? DBNull.Value);
        command.Parameters.AddWithValue("$agents", run.Agents.Count == 0 ? "," : $",{string.Join(',', run.Agents)},");
        command.ExecuteNonQuery();
    }

    private static TraceRunSummary ReadSummary(SqliteDataReader reader) => ObservabilityRows.ReadRunSummary(reader, AgentsFromList);

    // SQLite keeps the agent union as a comma-separated list.
    private static IReadOnlyList<string> AgentsFromList(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.GetString(ordinal).Split(',', StringSplitOptions.RemoveEmptyEntries);
}
