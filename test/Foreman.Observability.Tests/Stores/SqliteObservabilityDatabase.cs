using Foreman.Sqlite;
using Microsoft.Data.Sqlite;

namespace Foreman.Observability.Tests.Stores;

/// <summary>A temporary SQLite file with the workflow schema, which the observability stores need before their own tables.</summary>
internal sealed class SqliteObservabilityDatabase : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-obs-contract-").FullName;
    private bool _created;

    /// <summary>Gets the file.</summary>
    public string Path => System.IO.Path.Combine(_folder, "foreman.db");

    /// <summary>Creates the workflow schema once.</summary>
    public async Task EnsureCreatedAsync()
    {
        if (_created)
        {
            return;
        }

        await using (var workflows = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = Path }))
        {
            await workflows.InitializeAsync(CancellationToken.None);
        }

        _created = true;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned up with the temporary folder later.
        }

        return ValueTask.CompletedTask;
    }
}
