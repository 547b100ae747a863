using Foreman.Alerts;
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

    [Fact]
    public async Task AlertStore_OneFiringAlertPerCondition_SeverityOnlyRises()
    {
        await using (var workflows = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = DatabasePath }))
        {
            await workflows.InitializeAsync(CancellationToken.None);
        }

        var store = new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = DatabasePath });
        await store.InitializeAsync(CancellationToken.None);
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var warning = new AlertCandidate("loop_rate", "a", AlertSeverity.Warning, "w", 0.03, 0.02);

        var (first, c1) = await store.RaiseAsync(warning, "alrt_1", at, CancellationToken.None);
        var (second, c2) = await store.RaiseAsync(warning with { Severity = AlertSeverity.Critical, Message = "c" }, "alrt_2", at.AddMinutes(1), CancellationToken.None);
        var (third, c3) = await store.RaiseAsync(warning, "alrt_3", at.AddMinutes(2), CancellationToken.None);

        (c1, c2, c3).ShouldBe((AlertChange.Created, AlertChange.Escalated, AlertChange.Updated));
        new[] { first.AlertId, second.AlertId, third.AlertId }.Distinct().ShouldHaveSingleItem().ShouldBe("alrt_1");
        third.Severity.ShouldBe(AlertSeverity.Critical, "a lower reading does not downgrade a firing alert");
        third.Occurrences.ShouldBe(3);
        (await store.ResolveAsync(warning.Fingerprint, at.AddHours(2), CancellationToken.None)).ShouldNotBeNull().State.ShouldBe(AlertState.Resolved);
        var (next, c4) = await store.RaiseAsync(warning, "alrt_4", at.AddHours(3), CancellationToken.None);
        (next.AlertId, c4).ShouldBe(("alrt_4", AlertChange.Created), "after resolution the condition is a new alert");
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
