using System.Text.Json;
using Foreman.Telemetry;
using Foreman.Tracing;
using Npgsql;
using static Foreman.Postgres.PostgresText;
using static Foreman.Stores.ObservabilityUnits;

namespace Foreman.Postgres;

/// <summary>
/// The trace store on PostgreSQL, in the workflow store's schema (its own tables and schema version), shared by every
/// node: each worker's and server's spans land in the same tables. Each append is one transaction: the batch's spans
/// are inserted in one statement (span ids already stored are skipped), and the summary of what was inserted is merged
/// into each run's row by an <c>INSERT … ON CONFLICT DO UPDATE</c> that adds, takes minima and maxima and unions the
/// agents in SQL, so appends from several nodes to one run never lose an increment. Runs that ended longer ago than
/// the retention are pruned as appends go by. Thread-safe.
/// </summary>
public sealed partial class PostgresTraceStore : ITraceStore, IAsyncDisposable
{
    private readonly PostgresStoreDatabase _database;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _spans;
    private readonly string _runs;
    private readonly string _verdicts;
    private readonly TimeSpan _retention;
    private readonly TimeSpan _pruneInterval;
    private readonly TimeProvider _time;
    private long _nextPruneTicks;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">Options; copied.</param>
    public PostgresTraceStore(PostgresTraceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Retention, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PruneInterval, TimeSpan.Zero, nameof(options));
        _database = new PostgresStoreDatabase(options.ConnectionString, options.Schema, nameof(options));
        _dataSource = _database.DataSource;
        _spans = _database.Table("trace_spans");
        _runs = _database.Table("trace_runs");
        _verdicts = _database.Table("trace_verdicts");
        _retention = options.Retention;
        _pruneInterval = options.PruneInterval;
        _time = options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates or migrates the trace tables (safe when several nodes start at once).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync("trace_schema_version", PostgresTraceSchema.Migrations, PostgresTraceSchema.Tables, cancellationToken);

    /// <summary>Closes the store's connections.</summary>
    /// <returns>A task.</returns>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<TraceSpan> spans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spans);
        if (spans.Count == 0)
        {
            return;
        }

        // One order for every node (runs, then spans): two appends that touch the same keys lock them in the same
        // order, so they queue behind each other instead of deadlocking.
        var ordered = spans.OrderBy(s => s.RunId, StringComparer.Ordinal).ThenBy(s => s.SpanId, StringComparer.Ordinal).ToList();
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var inserted = await InsertSpansAsync(connection, transaction, ordered, cancellationToken);
            await MergeRunsAsync(connection, transaction, TraceSummarizer.Summarize(inserted), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var now = _time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextPruneTicks))
        {
            Interlocked.Exchange(ref _nextPruneTicks, (now + _pruneInterval).UtcTicks);
            await PruneAsync(now - _retention, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TraceSpan>> GetSpansAsync(string runId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT run_id, span_id, trace_id, parent_span_id, name, operation, started_at, duration_us, status, status_description, attributes, events, sequence
            FROM {_spans} WHERE run_id = $1 ORDER BY started_at, sequence, span_id COLLATE "C"
            """).With(runId);
        var spans = new List<TraceSpan>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            spans.Add(new TraceSpan
            {
                RunId = reader.GetString(0),
                SpanId = reader.GetString(1),
                TraceId = reader.GetString(2),
                ParentSpanId = StoredRows.NullableString(reader, 3),
                Name = reader.GetString(4),
                Operation = StoredRows.NullableString(reader, 5),
                StartedAt = FromMicros(reader.GetInt64(6)),
                Duration = TimeSpan.FromTicks(reader.GetInt64(7) * 10),
                Status = reader.GetString(8),
                StatusDescription = StoredRows.NullableString(reader, 9),
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
        await using var command = _dataSource.CreateCommand($"""
            SELECT agent,
                   count(*) FILTER (WHERE operation = 'invoke_agent' AND agent_status IS NOT NULL),
                   count(*) FILTER (WHERE operation = 'invoke_agent' AND agent_status = 'Failed'),
                   count(*) FILTER (WHERE operation = 'invoke_agent' AND stop_reason = 'LoopDetected'),
                   count(*) FILTER (WHERE operation = 'invoke_agent' AND stop_reason = 'GuardrailRejected'),
                   count(*) FILTER (WHERE operation = 'chat'),
                   count(*) FILTER (WHERE operation = 'chat' AND retry),
                   coalesce(sum(cost_nanos) FILTER (WHERE operation = 'chat'), 0)::bigint
            FROM {_spans}
            WHERE started_at > $1 AND started_at <= $2 AND agent IS NOT NULL AND NOT replayed AND operation IN ('invoke_agent', 'chat')
            GROUP BY agent
            -- A pattern's span that names an agent (a supervisor) is not an agent run: it has no status and no calls.
            HAVING count(*) FILTER (WHERE (operation = 'invoke_agent' AND agent_status IS NOT NULL) OR operation = 'chat') > 0
            ORDER BY agent COLLATE "C"
            """).With(Micros(from)).With(Micros(to));
        var stats = new List<AgentTraceStats>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stats.Add(new AgentTraceStats(
                reader.GetString(0), Count(reader, 1), Count(reader, 2), Count(reader, 3), Count(reader, 4), Count(reader, 5), Count(reader, 6), FromNanos(reader.GetInt64(7))));
        }

        return stats;
    }

    /// <inheritdoc />
    public async Task SetCorrectAsync(string runId, bool correct, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"INSERT INTO {_verdicts} (run_id, correct) VALUES ($1, $2) ON CONFLICT (run_id) DO UPDATE SET correct = excluded.correct")
            .With(runId).With(correct);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> PruneAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken)
    {
        // One statement, so a run goes with its spans and verdict or not at all.
        await using var command = _dataSource.CreateCommand($"""
            WITH gone AS (DELETE FROM {_runs} WHERE ended_at < $1 RETURNING run_id),
                 spans AS (DELETE FROM {_spans} WHERE run_id IN (SELECT run_id FROM gone)),
                 verdicts AS (DELETE FROM {_verdicts} WHERE run_id IN (SELECT run_id FROM gone))
            SELECT count(*) FROM gone
            """).With(Micros(endedBefore));
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static int Count(NpgsqlDataReader reader, int ordinal) => (int)reader.GetInt64(ordinal);

    private async Task<List<TraceSpan>> InsertSpansAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<TraceSpan> spans, CancellationToken cancellationToken)
    {
        // The whole batch in one round trip: one array per column, unnested in the batch's order.
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {_spans} (run_id, span_id, trace_id, parent_span_id, name, operation, started_at, sequence, duration_us, status, status_description,
                                  agent, agent_status, stop_reason, retry, replayed, cost_nanos, attributes, events)
            SELECT run_id, span_id, trace_id, parent_span_id, name, operation, started_at, sequence, duration_us, status, status_description,
                   agent, agent_status, stop_reason, retry, replayed, cost_nanos, attributes, events
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[], $11::text[],
                        $12::text[], $13::text[], $14::text[], $15::boolean[], $16::boolean[], $17::bigint[], $18::text[], $19::text[])
                 WITH ORDINALITY AS batch (run_id, span_id, trace_id, parent_span_id, name, operation, started_at, sequence, duration_us, status, status_description,
                                           agent, agent_status, stop_reason, retry, replayed, cost_nanos, attributes, events, ord)
            ORDER BY ord
            ON CONFLICT (run_id, span_id) DO NOTHING
            RETURNING run_id, span_id
            """, connection, transaction);
        command.With(Column(spans, s => s.RunId)).With(Column(spans, s => s.SpanId)).With(Column(spans, s => s.TraceId)).With(Column(spans, s => s.ParentSpanId))
            .With(Column(spans, s => s.Name)).With(Column(spans, s => s.Operation))
            .With(spans.Select(s => Micros(s.StartedAt)).ToArray()).With(spans.Select(s => s.Sequence).ToArray()).With(spans.Select(s => s.Duration.Ticks / 10).ToArray())
            .With(Column(spans, s => s.Status)).With(Column(spans, s => s.StatusDescription))
            .With(Column(spans, s => s.Attribute(GenAIAttributes.AgentName))).With(Column(spans, s => s.Attribute(GenAIAttributes.AgentStatus))).With(Column(spans, s => s.Attribute(GenAIAttributes.StopReason)))
            .With(spans.Select(s => s.Attribute(GenAIAttributes.Retry) == "true").ToArray()).With(spans.Select(s => s.Attribute(GenAIAttributes.Replayed) == "true").ToArray())
            .With(spans.Select(SpanCost).ToArray())
            .With(Column(spans, s => JsonSerializer.Serialize(s.Attributes))).With(Column(spans, s => JsonSerializer.Serialize(s.Events)));

        // The appends of every node run this statement: prepared once per connection (see PreparedExecution).
        await command.PrepareAsync(cancellationToken);
        var stored = new HashSet<(string RunId, string SpanId)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        // A span id twice in one batch is stored once: the first occurrence is the one inserted.
        var inserted = new List<TraceSpan>(stored.Count);
        foreach (var span in spans)
        {
            if (stored.Remove((span.RunId, span.SpanId)))
            {
                inserted.Add(span);
            }
        }

        return inserted;
    }

    private static string?[] Column(List<TraceSpan> spans, Func<TraceSpan, string?> value) => spans.Select(s => Text(value(s))).ToArray();

    private static long SpanCost(TraceSpan span) =>
        decimal.TryParse(span.Attribute(GenAIAttributes.Cost), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var cost) ? Nanos(cost) : 0L;
}
