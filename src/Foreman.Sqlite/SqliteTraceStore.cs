using System.Text.Json;
using Foreman.Telemetry;
using Foreman.Tracing;
using Microsoft.Data.Sqlite;
using static Foreman.Sqlite.ObservabilitySchema;
using static Foreman.Stores.ObservabilityUnits;

namespace Foreman.Sqlite;

/// <summary>
/// The trace store on SQLite, in the workflow store's file (its own tables and schema version). Each append is
/// one transaction: new spans are inserted (known span ids ignored), and the summary of what was inserted is
/// merged into the run's row. Runs that ended longer ago than the retention are pruned as appends go by.
/// Thread-safe.
/// </summary>
public sealed partial class SqliteTraceStore : ITraceStore
{
    private const string RunColumns = "run_id, pipeline, status, started_at, ended_at, spans, agent_invocations, model_calls, retried_model_calls, tool_calls, tool_errors, tool_retries, loop_detections, guardrail_rejections, validation_failures, input_tokens, output_tokens, cost_nanos, retry_cost_nanos, min_confidence, agents";

    private const string SelectRuns = "SELECT r.run_id, r.pipeline, r.status, r.started_at, r.ended_at, r.spans, r.agent_invocations, r.model_calls, r.retried_model_calls, r.tool_calls, r.tool_errors, r.tool_retries, r.loop_detections, r.guardrail_rejections, r.validation_failures, r.input_tokens, r.output_tokens, r.cost_nanos, r.retry_cost_nanos, r.min_confidence, r.agents, v.correct FROM trace_runs r LEFT JOIN trace_verdicts v ON v.run_id = r.run_id";

    private readonly SqliteDatabase _database;
    private readonly TimeSpan _retention;
    private readonly TimeSpan _pruneInterval;
    private readonly TimeProvider _time;
    private long _nextPruneTicks;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">Options; copied.</param>
    public SqliteTraceStore(SqliteTraceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = SqliteDatabase.InWorkflowFile(options.DatabasePath, SqliteSynchronousMode.Normal, options.BusyTimeout);
        _retention = options.Retention;
        _pruneInterval = options.PruneInterval;
        _time = options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates or migrates the trace tables. The workflow store must have initialized the file first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync(static (connection, path) => ObservabilitySchema.Migrate(connection, path, "trace_schema_version", "trace", SqliteTraceSchema.Migrations), cancellationToken);

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<TraceSpan> spans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spans);
        if (spans.Count == 0)
        {
            return;
        }

        await using (var connection = _database.OpenWriter())
        {
            SqliteMigrator.InWriteTransaction(connection, () =>
            {
                var inserted = InsertSpans(connection, spans);
                foreach (var increment in TraceSummarizer.Summarize(inserted))
                {
                    var merged = ReadRun(connection, increment.RunId) is { } existing ? existing.Merge(increment) : increment;
                    WriteRun(connection, merged);
                }
            });
        }

        var now = _time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextPruneTicks))
        {
            Interlocked.Exchange(ref _nextPruneTicks, (now + _pruneInterval).UtcTicks);
            await PruneAsync(now - _retention, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<TraceRunSummary?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        return ReadRun(connection, runId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TraceSpan>> GetSpansAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT run_id, span_id, trace_id, parent_span_id, name, operation, started_at, duration_us, status, status_description, attributes, events, sequence
            FROM trace_spans WHERE run_id = $run ORDER BY started_at, sequence, span_id
            """;
        command.Parameters.AddWithValue("$run", runId);
        var spans = new List<TraceSpan>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            spans.Add(new TraceSpan
            {
                RunId = reader.GetString(0),
                SpanId = reader.GetString(1),
                TraceId = reader.GetString(2),
                ParentSpanId = reader.IsDBNull(3) ? null : reader.GetString(3),
                Name = reader.GetString(4),
                Operation = reader.IsDBNull(5) ? null : reader.GetString(5),
                StartedAt = FromMicros(reader.GetInt64(6)),
                Duration = TimeSpan.FromTicks(reader.GetInt64(7) * 10),
                Status = reader.GetString(8),
                StatusDescription = reader.IsDBNull(9) ? null : reader.GetString(9),
                Attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(10)) ?? [],
                Events = JsonSerializer.Deserialize<List<TraceSpanEvent>>(reader.GetString(11)) ?? [],
                Sequence = reader.GetInt64(12),
            });
        }

        return spans;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgentTraceStats>> GetAgentStatsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT agent,
                   coalesce(sum(operation = 'invoke_agent' AND agent_status IS NOT NULL), 0),
                   coalesce(sum(operation = 'invoke_agent' AND agent_status = 'Failed'), 0),
                   coalesce(sum(operation = 'invoke_agent' AND stop_reason = 'LoopDetected'), 0),
                   coalesce(sum(operation = 'invoke_agent' AND stop_reason = 'GuardrailRejected'), 0),
                   coalesce(sum(operation = 'chat'), 0),
                   coalesce(sum(operation = 'chat' AND retry = 1), 0),
                   coalesce(sum(CASE WHEN operation = 'chat' THEN cost_nanos ELSE 0 END), 0)
            FROM trace_spans
            WHERE started_at > $from AND started_at <= $to AND agent IS NOT NULL AND replayed = 0 AND operation IN ('invoke_agent', 'chat')
            GROUP BY agent
            -- A pattern's span that names an agent (a supervisor) is not an agent run: it has no status and no calls.
            HAVING coalesce(sum(operation = 'invoke_agent' AND agent_status IS NOT NULL), 0) + coalesce(sum(operation = 'chat'), 0) > 0
            ORDER BY agent
            """;
        command.Parameters.AddWithValue("$from", Micros(from));
        command.Parameters.AddWithValue("$to", Micros(to));
        var stats = new List<AgentTraceStats>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stats.Add(new AgentTraceStats(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), FromNanos(reader.GetInt64(7))));
        }

        return stats;
    }

    /// <inheritdoc />
    public async Task SetCorrectAsync(string runId, bool correct, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenWriter();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO trace_verdicts (run_id, correct) VALUES ($run, $correct) ON CONFLICT (run_id) DO UPDATE SET correct = excluded.correct";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$correct", correct ? 1 : 0);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> PruneAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenWriter();
        var deleted = 0;
        SqliteMigrator.InWriteTransaction(connection, () =>
        {
            using var spans = connection.CreateCommand();
            spans.CommandText = "DELETE FROM trace_spans WHERE run_id IN (SELECT run_id FROM trace_runs WHERE ended_at < $cut)";
            spans.Parameters.AddWithValue("$cut", Micros(endedBefore));
            spans.ExecuteNonQuery();
            using var verdicts = connection.CreateCommand();
            verdicts.CommandText = "DELETE FROM trace_verdicts WHERE run_id IN (SELECT run_id FROM trace_runs WHERE ended_at < $cut)";
            verdicts.Parameters.AddWithValue("$cut", Micros(endedBefore));
            verdicts.ExecuteNonQuery();
            using var runs = connection.CreateCommand();
            runs.CommandText = "DELETE FROM trace_runs WHERE ended_at < $cut";
            runs.Parameters.AddWithValue("$cut", Micros(endedBefore));
            deleted = runs.ExecuteNonQuery();
        });
        return deleted;
    }

    private static List<TraceSpan> InsertSpans(SqliteConnection connection, IReadOnlyList<TraceSpan> spans)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO trace_spans (run_id, span_id, trace_id, parent_span_id, name, operation, started_at, sequence, duration_us, status, status_description,
                                     agent, agent_status, stop_reason, retry, replayed, cost_nanos, attributes, events)
            VALUES ($run, $span, $trace, $parent, $name, $op, $start, $sequence, $duration, $status, $description, $agent, $agentStatus, $stop, $retry, $replayed, $cost, $attributes, $events)
            ON CONFLICT (run_id, span_id) DO NOTHING
            """;
        var p = new Dictionary<string, SqliteParameter>(StringComparer.Ordinal);
        foreach (var name in new[] { "$run", "$span", "$trace", "$parent", "$name", "$op", "$start", "$sequence", "$duration", "$status", "$description", "$agent", "$agentStatus", "$stop", "$retry", "$replayed", "$cost", "$attributes", "$events" })
        {
            p[name] = command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        var inserted = new List<TraceSpan>(spans.Count);
        foreach (var span in spans)
        {
            p["$run"].Value = span.RunId;
            p["$span"].Value = span.SpanId;
            p["$trace"].Value = span.TraceId;
            p["$parent"].Value = (object?)span.ParentSpanId ?? DBNull.Value;
            p["$name"].Value = span.Name;
            p["$op"].Value = (object?)span.Operation ?? DBNull.Value;
            p["$start"].Value = Micros(span.StartedAt);
            p["$sequence"].Value = span.Sequence;
            p["$duration"].Value = span.Duration.Ticks / 10;
            p["$status"].Value = span.Status;
            p["$description"].Value = (object?)span.StatusDescription ?? DBNull.Value;
            p["$agent"].Value = (object?)span.Attribute(GenAIAttributes.AgentName) ?? DBNull.Value;
            p["$agentStatus"].Value = (object?)span.Attribute(GenAIAttributes.AgentStatus) ?? DBNull.Value;
            p["$stop"].Value = (object?)span.Attribute(GenAIAttributes.StopReason) ?? DBNull.Value;
            p["$retry"].Value = span.Attribute(GenAIAttributes.Retry) == "true" ? 1 : 0;
            p["$replayed"].Value = span.Attribute(GenAIAttributes.Replayed) == "true" ? 1 : 0;
            p["$cost"].Value = decimal.TryParse(span.Attribute(GenAIAttributes.Cost), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var cost) ? Nanos(cost) : 0L;
            p["$attributes"].Value = JsonSerializer.Serialize(span.Attributes);
            p["$events"].Value = JsonSerializer.Serialize(span.Events);
            if (command.ExecuteNonQuery() == 1)
            {
                inserted.Add(span);
            }
        }

        return inserted;
    }
}
