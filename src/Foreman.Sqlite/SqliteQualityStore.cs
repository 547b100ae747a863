using Foreman.Quality;
using Microsoft.Data.Sqlite;
using static Foreman.Sqlite.ObservabilitySchema;
using static Foreman.Stores.ObservabilityUnits;

namespace Foreman.Sqlite;

/// <summary>
/// The quality store on SQLite, in the workflow store's file. Verification is one
/// <c>UPDATE … WHERE status = 'pending'</c>, so a sample is verified once however many reviewers race. Agent
/// states are an append-only history; the latest row per agent is its state. Thread-safe.
/// </summary>
public sealed class SqliteQualityStore : IQualityStore
{
    private const string Columns = "sample_id, run_id, pipeline, agent, task_type, output, confidence, sampled_at, status, review_item_id, correct, expected, true_positives, false_positives, false_negatives, verified_by, verified_at";

    private readonly SqliteDatabase _database;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">Options; copied.</param>
    public SqliteQualityStore(SqliteQualityStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = SqliteDatabase.InWorkflowFile(options.DatabasePath, SqliteSynchronousMode.Full, options.BusyTimeout);
    }

    /// <summary>Creates or migrates the quality tables. The workflow store must have initialized the file first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync(static (connection, path) => ObservabilitySchema.Migrate(connection, path, "quality_schema_version", "quality", SqliteQualitySchema.Migrations), cancellationToken);

    /// <inheritdoc />
    public async Task<(QualitySample Sample, bool Created)> AddSampleAsync(QualitySample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        await using var connection = _database.OpenWriter();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO quality_samples ({Columns})
            VALUES ($id, $run, $pipeline, $agent, $task, $output, $confidence, $at, $status, $item, $correct, $expected, $tp, $fp, $fn, $by, $verified)
            ON CONFLICT (sample_id) DO NOTHING
            """;
        Bind(command, sample);
        var created = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        return (Read(connection, sample.SampleId)!, created);
    }

    /// <inheritdoc />
    public async Task<QualitySample?> GetSampleAsync(string sampleId, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        return Read(connection, sampleId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QualitySample>> ListSamplesAsync(QualitySampleQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM quality_samples
            WHERE ($agent IS NULL OR agent = $agent) AND ($task IS NULL OR task_type = $task) AND ($pipeline IS NULL OR pipeline = $pipeline)
              AND ($status IS NULL OR status = $status) AND ($since IS NULL OR sampled_at >= $since) AND ($until IS NULL OR sampled_at < $until)
            ORDER BY sampled_at, sample_id
            """;
        command.Parameters.AddWithValue("$agent", (object?)query.Agent ?? DBNull.Value);
        command.Parameters.AddWithValue("$task", (object?)query.TaskType ?? DBNull.Value);
        command.Parameters.AddWithValue("$pipeline", (object?)query.Pipeline ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", query.Status is { } s ? s.ToString().ToLowerInvariant() : DBNull.Value);
        command.Parameters.AddWithValue("$since", query.Since is { } since ? Micros(since) : DBNull.Value);
        command.Parameters.AddWithValue("$until", query.Until is { } until ? Micros(until) : DBNull.Value);
        var samples = new List<QualitySample>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(ObservabilityRows.ReadSample(reader));
        }

        return samples;
    }

    /// <inheritdoc />
    public async Task<(QualitySample Sample, bool Applied)?> VerifyAsync(QualitySample verified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verified);
        await using var connection = _database.OpenWriter();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE quality_samples SET status = 'verified', correct = $correct, expected = $expected, true_positives = $tp, false_positives = $fp,
                   false_negatives = $fn, verified_by = $by, verified_at = $verified
            WHERE sample_id = $id AND status = 'pending'
            """;
        Bind(command, verified);
        var applied = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        return Read(connection, verified.SampleId) is { } stored ? (stored, applied) : null;
    }

    /// <inheritdoc />
    public async Task<AgentQualityState?> GetAgentStateAsync(string agent, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent, disabled, reason, changed_at, changed_by FROM quality_agent_states WHERE agent = $agent ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$agent", agent);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? MapState(reader) : null;
    }

    /// <inheritdoc />
    public async Task SetAgentStateAsync(AgentQualityState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = _database.OpenWriter();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO quality_agent_states (agent, disabled, reason, changed_at, changed_by) VALUES ($agent, $disabled, $reason, $at, $by)";
        command.Parameters.AddWithValue("$agent", state.Agent);
        command.Parameters.AddWithValue("$disabled", state.Disabled ? 1 : 0);
        command.Parameters.AddWithValue("$reason", state.Reason);
        command.Parameters.AddWithValue("$at", Micros(state.ChangedAt));
        command.Parameters.AddWithValue("$by", state.ChangedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgentQualityState>> ListAgentStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT agent, disabled, reason, changed_at, changed_by FROM quality_agent_states s
            WHERE id = (SELECT max(id) FROM quality_agent_states WHERE agent = s.agent) ORDER BY agent
            """;
        var states = new List<AgentQualityState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(MapState(reader));
        }

        return states;
    }

    private static void Bind(SqliteCommand command, QualitySample s)
    {
        command.Parameters.AddWithValue("$id", s.SampleId);
        command.Parameters.AddWithValue("$run", s.RunId);
        command.Parameters.AddWithValue("$pipeline", s.Pipeline);
        command.Parameters.AddWithValue("$agent", s.Agent);
        command.Parameters.AddWithValue("$task", s.TaskType);
        command.Parameters.AddWithValue("$output", s.Output);
        command.Parameters.AddWithValue("$confidence", s.Confidence);
        command.Parameters.AddWithValue("$at", Micros(s.SampledAt));
        command.Parameters.AddWithValue("$status", s.Status.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$item", (object?)s.ReviewItemId ?? DBNull.Value);
        command.Parameters.AddWithValue("$correct", s.Correct is { } c ? (c ? 1 : 0) : DBNull.Value);
        command.Parameters.AddWithValue("$expected", (object?)s.Expected ?? DBNull.Value);
        command.Parameters.AddWithValue("$tp", s.TruePositives);
        command.Parameters.AddWithValue("$fp", s.FalsePositives);
        command.Parameters.AddWithValue("$fn", s.FalseNegatives);
        command.Parameters.AddWithValue("$by", (object?)s.VerifiedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("$verified", s.VerifiedAt is { } v ? Micros(v) : DBNull.Value);
    }

    private static QualitySample? Read(SqliteConnection connection, string sampleId) =>
        SqliteQuery.FirstOrNull(connection, $"SELECT {Columns} FROM quality_samples WHERE sample_id = $id", "$id", sampleId, ObservabilityRows.ReadSample);

    private static AgentQualityState MapState(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt64(1) == 1, r.GetString(2), FromMicros(r.GetInt64(3)), r.GetString(4));
}
