using System.Data;
using Npgsql;

namespace Foreman.Postgres;

/// <summary>
/// Runs the store's statements as explicitly prepared statements on a pooled connection.
/// </summary>
/// <remarks>
/// <para>A prepared statement saves the server a parse and plan per call, which is most of a short statement's cost.
/// Npgsql keeps explicitly prepared statements with the physical connection, so only the first call on each
/// connection pays a round trip to prepare; later calls find the statement and send only Bind and Execute.</para>
/// <para>The store does not use Npgsql's automatic preparation: it prepares a statement in the same round trip as its
/// first execution, and when that execution failed on the server (a NUL in a text value, say), Npgsql 10 kept a wrong
/// view of the connection's prepared statements and a later, unrelated statement on that connection failed with
/// "Received unexpected backend message DataRow" (npgsql/npgsql#6391). Explicit preparation always completes in its own
/// round trip before any execution, so a failing execution never coincides with a preparation.</para>
/// </remarks>
internal static class PreparedExecution
{
    /// <summary>Prepares and runs a command; disposing the reader returns its connection to the pool.</summary>
    public static async Task<NpgsqlDataReader> ExecutePreparedReaderAsync(this NpgsqlDataSource dataSource, NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            command.Connection = connection;
            await command.PrepareAsync(cancellationToken);
            return await command.ExecuteReaderAsync(CommandBehavior.CloseConnection, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Prepares and runs a command that returns one value.</summary>
    public static async Task<object?> ExecutePreparedScalarAsync(this NpgsqlDataSource dataSource, NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        command.Connection = connection;
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
