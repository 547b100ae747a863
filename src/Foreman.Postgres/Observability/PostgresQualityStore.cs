using Foreman.Quality;
using Npgsql;
using static Foreman.Postgres.PostgresText;
using static Foreman.Stores.ObservabilityUnits;

namespace Foreman.Postgres;

/// <summary>
/// The quality store on PostgreSQL, in the workflow store's schema (its own tables and schema version). Adding a
/// sample is an <c>INSERT … ON CONFLICT DO NOTHING</c> and verification one <c>UPDATE … WHERE status = 'pending'</c>,
/// so a sample is added and verified once however many nodes race. Agent states are an append-only history; the latest
/// row per agent is its state. Thread-safe.
/// </summary>
public sealed class PostgresQualityStore : IQualityStore, IAsyncDisposable
{
    private const string Columns = "sample_id, run_id, pipeline, agent, task_type, output, confidence, sampled_at, status, review_item_id, correct, expected, true_positives, false_positives, false_negatives, verified_by, verified_at";

    private readonly PostgresStoreDatabase _database;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _samples;
    private readonly string _states;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">Options; copied.</param>
    public PostgresQualityStore(PostgresObservabilityStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new PostgresStoreDatabase(options.ConnectionString, options.Schema, nameof(options));
        _dataSource = _database.DataSource;
        _samples = _database.Table("quality_samples");
        _states = _database.Table("quality_agent_states");
    }

    /// <summary>Creates or migrates the quality tables (safe when several nodes start at once).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync("quality_schema_version", PostgresQualitySchema.Migrations, PostgresQualitySchema.Tables, cancellationToken);

    /// <summary>Closes the store's connections.</summary>
    /// <returns>A task.</returns>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <inheritdoc />
    public async Task<(QualitySample Sample, bool Created)> AddSampleAsync(QualitySample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {_samples} ({Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            ON CONFLICT (sample_id) DO NOTHING
            """);
        Bind(command, sample);
        var created = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        return ((await GetSampleAsync(sample.SampleId, cancellationToken))!, created);
    }

    /// <inheritdoc />
    public async Task<QualitySample?> GetSampleAsync(string sampleId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM {_samples} WHERE sample_id = $1").With(sampleId);
        var samples = await ReadSamplesAsync(command, cancellationToken);
        return samples.Count == 0 ? null : samples[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QualitySample>> ListSamplesAsync(QualitySampleQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM {_samples}
            WHERE ($1::text IS NULL OR agent = $1) AND ($2::text IS NULL OR task_type = $2) AND ($3::text IS NULL OR pipeline = $3)
              AND ($4::text IS NULL OR status = $4) AND ($5::bigint IS NULL OR sampled_at >= $5) AND ($6::bigint IS NULL OR sampled_at < $6)
            ORDER BY sampled_at, sample_id COLLATE "C"
            """).With(query.Agent).With(query.TaskType).With(query.Pipeline).With(query.Status is { } s ? StatusText(s) : null)
            .With(query.Since is { } since ? (long?)Micros(since) : null).With(query.Until is { } until ? (long?)Micros(until) : null);
        return await ReadSamplesAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(QualitySample Sample, bool Applied)?> VerifyAsync(QualitySample verified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verified);
        await using (var command = _dataSource.CreateCommand($"""
            UPDATE {_samples} SET status = 'verified', correct = $1, expected = $2, true_positives = $3, false_positives = $4,
                   false_negatives = $5, verified_by = $6, verified_at = $7
            WHERE sample_id = $8 AND status = 'pending'
            RETURNING {Columns}
            """))
        {
            command.With(verified.Correct).With(verified.Expected).With(verified.TruePositives).With(verified.FalsePositives).With(verified.FalseNegatives)
                .With(verified.VerifiedBy).With(verified.VerifiedAt is { } v ? (long?)Micros(v) : null).With(verified.SampleId);
            var won = await ReadSamplesAsync(command, cancellationToken);
            if (won.Count == 1)
            {
                return (won[0], true);
            }
        }

        // Lost (or no such sample): a verified sample never changes again, so reading it now shows the stored verdict.
        return await GetSampleAsync(verified.SampleId, cancellationToken) is { } stored ? (stored, false) : null;
    }

    /// <inheritdoc />
    public async Task<AgentQualityState?> GetAgentStateAsync(string agent, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT agent, disabled, reason, changed_at, changed_by FROM {_states} WHERE agent = $1 ORDER BY id DESC LIMIT 1").With(agent);
        var states = await ReadStatesAsync(command, cancellationToken);
        return states.Count == 0 ? null : states[0];
    }

    /// <inheritdoc />
    public async Task SetAgentStateAsync(AgentQualityState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var command = _dataSource.CreateCommand($"INSERT INTO {_states} (agent, disabled, reason, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5)")
            .With(state.Agent).With(state.Disabled).With(state.Reason).With(Micros(state.ChangedAt)).With(state.ChangedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgentQualityState>> ListAgentStatesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT agent, disabled, reason, changed_at, changed_by FROM {_states} s
            WHERE id = (SELECT max(id) FROM {_states} WHERE agent = s.agent) ORDER BY agent COLLATE "C"
            """);
        return await ReadStatesAsync(command, cancellationToken);
    }

    private static void Bind(NpgsqlCommand command, QualitySample s) =>
        command.With(s.SampleId).With(s.RunId).With(s.Pipeline).With(s.Agent).With(s.TaskType).With(s.Output).With(s.Confidence).With(Micros(s.SampledAt))
            .With(StatusText(s.Status)).With(s.ReviewItemId).With(s.Correct).With(s.Expected).With(s.TruePositives).With(s.FalsePositives).With(s.FalseNegatives)
            .With(s.VerifiedBy).With(s.VerifiedAt is { } v ? (long?)Micros(v) : null);

    private static string StatusText(QualitySampleStatus status) => status.ToString().ToLowerInvariant();

    private static async Task<List<QualitySample>> ReadSamplesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var samples = new List<QualitySample>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            samples.Add(ObservabilityRows.ReadSample(r));
        }

        return samples;
    }

    private static async Task<List<AgentQualityState>> ReadStatesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var states = new List<AgentQualityState>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            states.Add(new AgentQualityState(r.GetString(0), r.GetBoolean(1), r.GetString(2), FromMicros(r.GetInt64(3)), r.GetString(4)));
        }

        return states;
    }
}
