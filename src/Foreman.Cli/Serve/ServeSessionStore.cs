using Foreman.Cli.Workflows;
using Foreman.Server.Auth;

namespace Foreman.Cli.Serve;

/// <summary>
/// Opens the dashboard session store in the database the server runs on: the SQLite file (sessions survive a
/// restart) or the PostgreSQL schema (every server node on it accepts every session, so no sticky sessions).
/// </summary>
internal static class ServeSessionStore
{
    public static async Task<ISessionStore> OpenAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        ISessionStore sessions = target.IsPostgres
            ? new PostgresSessionStore(target.ConnectionString!, target.Schema)
            : new SqliteSessionStore(target.DatabasePath!);
        try
        {
            await sessions.InitializeAsync(cancellationToken);
            return sessions;
        }
        catch
        {
            if (sessions is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }

            throw;
        }
    }
}
