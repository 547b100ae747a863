using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Npgsql;

namespace Foreman.Postgres.Tests;

/// <summary>Start-up: migrations when several nodes start at once, the durability check, and wake-ups across nodes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreInitializationTests(PostgresCluster cluster)
{
    [Fact]
    public async Task InitializeAsync_EightNodesAtOnce_MigrateOnceAndAllWork()
    {
        var schema = cluster.NewSchema();
        var stores = Enumerable.Range(0, 8).Select(_ => new PostgresWorkflowStore(new PostgresWorkflowStoreOptions { ConnectionString = cluster.ConnectionString, Schema = schema })).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(CancellationToken.None))));

            await using var connection = new NpgsqlConnection(cluster.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT count(*), max(version) FROM \"{schema}\".schema_version", connection);
            await using var row = await command.ExecuteReaderAsync();
            await row.ReadAsync();
            row.GetInt64(0).ShouldBe(PostgresSchema.Migrations.Count);
            row.GetInt32(1).ShouldBe(PostgresSchema.LatestVersion);
            foreach (var store in stores)
            {
                (await store.CountByStatusAsync(CancellationToken.None)).ShouldBeEmpty();
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task InitializeAsync_SynchronousCommitOff_RefusesWithTheReason()
    {
        await using var store = new PostgresWorkflowStore(new PostgresWorkflowStoreOptions
        {
            ConnectionString = cluster.ConnectionString + ";Options=-c synchronous_commit=off",
            Schema = cluster.NewSchema(),
        });

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        error.Message.ShouldContain("synchronous_commit=off");
    }

    [Fact]
    public async Task InitializeAsync_SchemaWithForeignTables_Refuses()
    {
        var schema = cluster.NewSchema();
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"; CREATE TABLE \"{schema}\".runs (id int)", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var store = new PostgresWorkflowStore(new PostgresWorkflowStoreOptions { ConnectionString = cluster.ConnectionString, Schema = schema });

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));
        error.Message.ShouldContain("did not create");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Foreman")]
    [InlineData("a;drop")]
    [InlineData("1abc")]
    public void Constructor_UnusableSchemaName_Throws(string schema) =>
        Should.Throw<ArgumentException>(() => new PostgresWorkflowStore(new PostgresWorkflowStoreOptions { ConnectionString = cluster.ConnectionString, Schema = schema }));

    [Fact]
    public async Task Subscribe_RunCreatedByAnotherNode_WakesTheListener()
    {
        var schema = cluster.NewSchema();
        await using var listener = await WorkerGroup.OpenAsync(cluster, schema);
        await using var other = await WorkerGroup.OpenAsync(cluster, schema);
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        using var subscription = listener.Subscribe(() => woken.TrySetResult());

        await other.CreateRunAsync(new NewRun("run-1", "orders", "{}", null, null, DateTimeOffset.UnixEpoch), CancellationToken.None);

        await woken.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Worker_WithLongPollInterval_StartsARunSubmittedElsewhereAtOnce()
    {
        var schema = cluster.NewSchema();
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workflow = new DelegateWorkflow<string, string>("echo", (_, input) =>
        {
            started.TrySetResult(input);
            return Task.FromResult(input);
        });

        // A poll interval of ten minutes: only the notification can wake the idle worker within the test's limit.
        await using var group = await WorkerGroup.StartAsync(cluster, schema, workers: 1, [workflow], new WorkflowWorkerOptions { PollInterval = TimeSpan.FromMinutes(10) });
        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        await using var submitter = await WorkerGroup.OpenAsync(cluster, schema);

        await new WorkflowEngine(submitter, [workflow]).SubmitAsync("echo", "hello");

        (await started.Task.WaitAsync(TimeSpan.FromSeconds(15))).ShouldBe("hello");
    }
}
