using Npgsql;

namespace Foreman.Postgres;

/// <summary>How the store connects: pooled connections tuned for short statements, and the durability check.</summary>
internal static class PostgresConnections
{
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // Automatic preparation is off unless the user sets it: the store prepares its statements explicitly (see
        // PreparedExecution for why automatic preparation is unsafe when a statement fails on the server).
        if (!ContainsKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 0;
        }

        // The store never changes session state, so a connection back from the pool needs no reset (which would
        // otherwise cost a statement on its next use).
        if (!ContainsKey(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "foreman";
        }

        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>
    /// The listening connection: outside the pool (a connection left LISTENing must never serve a statement), with
    /// keep-alives so a dead server or network is noticed while it waits.
    /// </summary>
    public static string ListenerConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = 15;
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "foreman-listener";
        }

        return builder.ConnectionString;
    }

    /// <summary>Reads <c>synchronous_commit</c> and refuses <c>off</c>, under which a commit could be lost after the call returned.</summary>
    public static async Task<string> RequireDurableCommitsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT current_setting('synchronous_commit')", connection);
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        var synchronous = row.GetString(0);
        if (string.Equals(synchronous, "off", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                "PostgreSQL runs with synchronous_commit=off: a commit could be lost after Foreman was told it was durable. Set synchronous_commit=on (server, database or role) for Foreman's connections.");
        }

        return synchronous;
    }

    private static bool ContainsKey(string connectionString, params string[] keys)
    {
        var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(parsed.ContainsKey);
    }
}
