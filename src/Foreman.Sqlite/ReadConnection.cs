using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>A pooled read-only connection with its prepared statements, used by one caller at a time.</summary>
internal sealed class ReadConnection : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public ReadConnection(SqliteConnection connection) => _connection = connection;

    /// <summary>Gets the prepared command for <paramref name="sql"/>, preparing it on first use.</summary>
    /// <param name="sql">Constant SQL text; values always go through parameters.</param>
    /// <param name="parameters">The names of its parameters.</param>
    /// <returns>The command, with parameter values left from its last use.</returns>
    public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _commands.Add(sql, command);
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }
}
