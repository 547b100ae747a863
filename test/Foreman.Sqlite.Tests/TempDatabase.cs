namespace Foreman.Sqlite.Tests;

/// <summary>A folder for one test's database files, deleted afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "foreman-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, "foreman.db");
    }

    public string Folder { get; }

    public string Path { get; }

    public SqliteWorkflowStoreOptions Options(SqliteSynchronousMode synchronous = SqliteSynchronousMode.Full) =>
        new() { DatabasePath = Path, Synchronous = synchronous };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A store a failing test left open keeps its files; the OS temp cleaner gets them.
        }
    }
}
