using Foreman.Sqlite;
using Microsoft.Data.Sqlite;

namespace Foreman.Observability.Tests;

public sealed class StoreSchemaTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-obs-schema-").FullName;

    private string DatabasePath => Path.Combine(_folder, "foreman.db");

    [Fact]
    public async Task Initialize_BeforeTheWorkflowStore_RefusedWithAClearError()
    {
        var traces = new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = DatabasePath });
        var error = await Should.ThrowAsync<InvalidOperationException>(() => traces.InitializeAsync(CancellationToken.None));
        error.Message.ShouldContain("Initialize the SqliteWorkflowStore on this file before the trace store");
    }

    [Fact]
    public async Task Initialize_TwiceAndByEveryStore_IdempotentAndVersionedSeparately()
    {
        await using (var workflows = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = DatabasePath }))
        {
            await workflows.InitializeAsync(CancellationToken.None);
        }

        for (var i = 0; i < 2; i++)
        {
            await new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = DatabasePath }).InitializeAsync(CancellationToken.None);
            await new SqliteQualityStore(new SqliteQualityStoreOptions { DatabasePath = DatabasePath }).InitializeAsync(CancellationToken.None);
            await new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = DatabasePath }).InitializeAsync(CancellationToken.None);
        }

        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        foreach (var table in new[] { "trace_schema_version", "quality_schema_version", "alert_schema_version" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table}";
            ((long)(await command.ExecuteScalarAsync())!).ShouldBe(1, $"{table}: one migration applied once");
        }
    }

    [Fact]
    public async Task Initialize_SchemaNewerThanThisVersion_Refused()
    {
        await using (var workflows = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = DatabasePath }))
        {
            await workflows.InitializeAsync(CancellationToken.None);
        }

        var alerts = new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = DatabasePath });
        await alerts.InitializeAsync(CancellationToken.None);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO alert_schema_version (version, description) VALUES (99, 'from the future')";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Should.ThrowAsync<InvalidOperationException>(() => alerts.InitializeAsync(CancellationToken.None));
        error.Message.ShouldContain("newer than this version of Foreman supports");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned up later.
        }
    }
}
