using Foreman.Telemetry;
using Foreman.Tracing;
using Npgsql;

namespace Foreman.Postgres.Tests.Observability;

/// <summary>
/// The trace, quality and alert tables on PostgreSQL: versioned migrations under the advisory lock (several nodes
/// starting at once), in the configured schema, refusing a newer schema; and a span PostgreSQL text cannot hold.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresObservabilitySchemaTests(PostgresCluster cluster)
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Initialize_SixNodesAtOnce_EachTableSetMigratesOnce_NextToTheWorkflowTables()
    {
        var schema = cluster.NewSchema();
        var options = new PostgresObservabilityStoreOptions { ConnectionString = cluster.ConnectionString, Schema = schema };
        var traces = Enumerable.Range(0, 6).Select(_ => new PostgresTraceStore(new PostgresTraceStoreOptions { ConnectionString = cluster.ConnectionString, Schema = schema })).ToList();
        var quality = Enumerable.Range(0, 6).Select(_ => new PostgresQualityStore(options)).ToList();
        var alerts = Enumerable.Range(0, 6).Select(_ => new PostgresAlertStore(options)).ToList();
        await using var workflows = new PostgresWorkflowStore(new PostgresWorkflowStoreOptions { ConnectionString = cluster.ConnectionString, Schema = schema });
        try
        {
            await Task.WhenAll(
                traces.Select(s => Task.Run(() => s.InitializeAsync(Ct)))
                    .Concat(quality.Select(s => Task.Run(() => s.InitializeAsync(Ct))))
                    .Concat(alerts.Select(s => Task.Run(() => s.InitializeAsync(Ct))))
                    .Append(Task.Run(() => workflows.InitializeAsync(Ct))));

            foreach (var table in new[] { "trace_schema_version", "quality_schema_version", "alert_schema_version" })
            {
                (await ScalarAsync($"SELECT count(*) FROM \"{schema}\".{table}")).ShouldBe(1L, table);
            }

            (await ScalarAsync($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{schema}' AND table_name IN ('trace_spans', 'trace_runs', 'trace_verdicts', 'quality_samples', 'quality_agent_states', 'alerts')"))
                .ShouldBe(6L);
            (await ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'trace_spans'")).ShouldBe(0L);
        }
        finally
        {
            foreach (var store in traces.Cast<IAsyncDisposable>().Concat(quality).Concat(alerts))
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Initialize_SchemaNewerThanThisVersion_Refused()
    {
        var schema = cluster.NewSchema();
        await using var store = new PostgresAlertStore(new PostgresObservabilityStoreOptions { ConnectionString = cluster.ConnectionString, Schema = schema });
        await store.InitializeAsync(Ct);
        await ScalarAsync($"INSERT INTO \"{schema}\".alert_schema_version (version, description) VALUES (99, 'from the future')");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));

        error.Message.ShouldContain("newer than this version of Foreman supports");
    }

    [Fact]
    public async Task Initialize_AForeignTableOfTheSameName_Refused()
    {
        var schema = cluster.NewSchema();
        await ScalarAsync($"CREATE SCHEMA \"{schema}\"; CREATE TABLE \"{schema}\".trace_spans (id int)");
        await using var store = new PostgresTraceStore(new PostgresTraceStoreOptions { ConnectionString = cluster.ConnectionString, Schema = schema });

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));

        error.Message.ShouldContain("did not create");
    }

    [Fact]
    public async Task Append_TextWithANulCharacter_StoredWithAReplacement_TheBatchAndTheConnectionSurvive()
    {
        await using var store = new PostgresTraceStore(new PostgresTraceStoreOptions { ConnectionString = cluster.ConnectionString + ";Maximum Pool Size=1", Schema = cluster.NewSchema() });
        await store.InitializeAsync(Ct);
        var span = new TraceSpan
        {
            RunId = "run-1",
            TraceId = "t",
            SpanId = "s",
            Name = "execute_tool read\0file",
            Operation = GenAIOperations.ExecuteTool,
            StartedAt = TimeProvider.System.GetUtcNow(), // within the retention: the append prunes older runs
            Duration = TimeSpan.FromMilliseconds(3),
            Status = "error",
            StatusDescription = "binary output \0\0",
            Attributes = new Dictionary<string, string> { [GenAIAttributes.ToolCallResult] = "a\0b" },
        };

        await store.AppendAsync([span, span with { SpanId = "s2", Name = "fine" }], Ct);

        var stored = await store.GetSpansAsync("run-1", Ct);
        stored.Count.ShouldBe(2);
        stored.Single(s => s.SpanId == "s").Name.ShouldBe("execute_tool read\uFFFDfile");
        stored.Single(s => s.SpanId == "s").Attributes[GenAIAttributes.ToolCallResult].ShouldBe("a\0b", "attributes are JSON text: the character survives escaped");
        (await store.GetRunAsync("run-1", Ct)).ShouldNotBeNull().ToolCalls.ShouldBe(2, "both spans are tool calls, and both were counted");
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
