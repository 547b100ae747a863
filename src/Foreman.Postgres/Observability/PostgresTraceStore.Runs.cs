using System.Globalization;
using Foreman.Tracing;
using Npgsql;
using static Foreman.Postgres.PostgresText;
using static Foreman.Stores.ObservabilityUnits;

namespace Foreman.Postgres;

/// <summary>Run summaries: the merge done in SQL, reading, and the trace query language translated to SQL.</summary>
public sealed partial class PostgresTraceStore
{
    private const string SummaryColumns = "r.run_id, r.pipeline, r.status, r.started_at, r.ended_at, r.spans, r.agent_invocations, r.model_calls, r.retried_model_calls, r.tool_calls, r.tool_errors, r.tool_retries, r.loop_detections, r.guardrail_rejections, r.validation_failures, r.input_tokens, r.output_tokens, r.cost_nanos, r.retry_cost_nanos, r.min_confidence, r.agents, v.correct";

    private string SelectRuns => $"SELECT {SummaryColumns} FROM {_runs} r LEFT JOIN {_verdicts} v ON v.run_id = r.run_id";

    /// <inheritdoc />
    public async Task<TraceRunSummary?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"{SelectRuns} WHERE r.run_id = $1").With(runId);
        var runs = await ReadSummariesAsync(command, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TraceRunSummary>> QueryRunsAsync(TraceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _dataSource.CreateCommand();
        var where = new List<string>();
        if (query.Since is { } since)
        {
            command.With(Micros(since));
            where.Add($"r.started_at >= ${command.Parameters.Count}");
        }

        if (query.Until is { } until)
        {
            command.With(Micros(until));
            where.Add($"r.started_at < ${command.Parameters.Count}");
        }

        foreach (var condition in query.Conditions)
        {
            where.Add(Translate(condition, command));
        }

        command.With(query.Limit);
        command.CommandText = $"""
            {SelectRuns}
            {(where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where))}
            ORDER BY r.started_at DESC, r.run_id COLLATE "C" LIMIT ${command.Parameters.Count}
            """;
        return await ReadSummariesAsync(command, cancellationToken);
    }

    // Field names map to fixed SQL expressions; values always travel as parameters. The semantics are the SQLite
    // store's: text compares case-insensitively, an unverified run's correctness is "unknown" (-1).
    private static string Translate(TraceCondition condition, NpgsqlCommand command)
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
                command.With(condition.Value);
                return $"{(condition.Operator == TraceOperator.NotEqual ? "NOT " : string.Empty)}(${command.Parameters.Count} = ANY (r.agents))";
            case TraceField.Pipeline or TraceField.Status:
                command.With(condition.Value);
                var column = condition.Field == TraceField.Pipeline ? "r.pipeline" : "r.status";
                var parameter = $"${command.Parameters.Count}";
                return condition.Operator == TraceOperator.NotEqual
                    ? $"({column} IS NULL OR lower({column}) <> lower({parameter}))"
                    : $"lower({column}) = lower({parameter})";
            case TraceField.Correct:
                command.With(condition.Value.ToUpperInvariant() switch { "TRUE" => 1, "FALSE" => 0, _ => -1 });
                return $"coalesce(v.correct::integer, -1) {op} ${command.Parameters.Count}";
        }

        var expression = condition.Field switch
        {
            TraceField.Retries => "(r.retried_model_calls + r.tool_retries)",
            TraceField.Cost => "r.cost_nanos",
            TraceField.Duration => "((r.ended_at - r.started_at) / 1000000.0)",
            TraceField.ToolErrors => "r.tool_errors",
            TraceField.Confidence => "r.min_confidence",
            TraceField.Loops => "r.loop_detections",
            TraceField.Tokens => "(r.input_tokens + r.output_tokens)",
            TraceField.ModelCalls => "r.model_calls",
            _ => "r.validation_failures",
        };
        var value = condition.Number;
        command.With((double?)(condition.Field == TraceField.Cost ? value * 1e9 : value));
        var number = $"${command.Parameters.Count}";

        // Compared as double precision, as SQLite compares an integer column with a real.
        return condition.Field == TraceField.Confidence
            ? $"(r.min_confidence IS NOT NULL AND {expression} {op} {number})"
            : $"{expression}::double precision {op} {number}";
    }

    // The merge of TraceRunSummary.Merge, in one statement: counts add up, the earliest start and latest end win,
    // the lowest confidence, the union of agents (sorted by ordinal), and the newest non-null pipeline and status.
    private async Task MergeRunsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TraceRunSummary> increments, CancellationToken cancellationToken)
    {
        if (increments.Count == 0)
        {
            return;
        }

        var sql = $"""
            INSERT INTO {_runs} AS r (run_id, pipeline, status, started_at, ended_at, spans, agent_invocations, model_calls, retried_model_calls, tool_calls, tool_errors,
                                      tool_retries, loop_detections, guardrail_rejections, validation_failures, input_tokens, output_tokens, cost_nanos, retry_cost_nanos,
                                      min_confidence, agents)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
            ON CONFLICT (run_id) DO UPDATE SET
                pipeline = coalesce(excluded.pipeline, r.pipeline),
                status = coalesce(excluded.status, r.status),
                started_at = least(r.started_at, excluded.started_at),
                ended_at = greatest(r.ended_at, excluded.ended_at),
                spans = r.spans + excluded.spans,
                agent_invocations = r.agent_invocations + excluded.agent_invocations,
                model_calls = r.model_calls + excluded.model_calls,
                retried_model_calls = r.retried_model_calls + excluded.retried_model_calls,
                tool_calls = r.tool_calls + excluded.tool_calls,
                tool_errors = r.tool_errors + excluded.tool_errors,
                tool_retries = r.tool_retries + excluded.tool_retries,
                loop_detections = r.loop_detections + excluded.loop_detections,
                guardrail_rejections = r.guardrail_rejections + excluded.guardrail_rejections,
                validation_failures = r.validation_failures + excluded.validation_failures,
                input_tokens = r.input_tokens + excluded.input_tokens,
                output_tokens = r.output_tokens + excluded.output_tokens,
                cost_nanos = r.cost_nanos + excluded.cost_nanos,
                retry_cost_nanos = r.retry_cost_nanos + excluded.retry_cost_nanos,
                -- least() ignores nulls: a run with no confidence yet takes the increment's.
                min_confidence = least(r.min_confidence, excluded.min_confidence),
                agents = ARRAY(SELECT DISTINCT a COLLATE "C" FROM unnest(r.agents || excluded.agents) AS a ORDER BY 1)
            """;
        foreach (var run in increments.OrderBy(r => r.RunId, StringComparer.Ordinal))
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.With(run.RunId).With(Text(run.Pipeline)).With(Text(run.Status)).With(Micros(run.StartedAt)).With(Micros(run.EndedAt)).With(run.Spans).With(run.AgentInvocations)
                .With(run.ModelCalls).With(run.RetriedModelCalls).With(run.ToolCalls).With(run.ToolErrors).With(run.ToolRetries).With(run.LoopDetections).With(run.GuardrailRejections)
                .With(run.ValidationFailures).With(run.InputTokens).With(run.OutputTokens).With(Nanos(run.Cost)).With(Nanos(run.RetryCost)).With(run.MinConfidence)
                .With(run.Agents.Select(Text).ToArray());

            // Hot: every append of every node runs it. Prepared once per connection: preparing the same text again on
            // that connection finds the statement without a round trip (see PreparedExecution).
            await command.PrepareAsync(cancellationToken);

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<TraceRunSummary>> ReadSummariesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<TraceRunSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(ObservabilityRows.ReadRunSummary(reader, AgentsFromArray));
        }

        return runs;
    }

    private static IReadOnlyList<string> AgentsFromArray(System.Data.Common.DbDataReader reader, int ordinal) => reader.GetFieldValue<string[]>(ordinal);
}
