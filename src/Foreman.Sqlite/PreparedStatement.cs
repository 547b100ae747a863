using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>
/// A command compiled once and reused for every execution on the writer's connection; values always go through
/// its parameters.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteCommand _command;

    // The parameter collection finds names by linear search on every bind; the writer binds on every write.
    private readonly Dictionary<string, SqliteParameter> _parameters = new(StringComparer.Ordinal);

    public PreparedStatement(SqliteConnection connection, string sql, params ReadOnlySpan<string> parameters)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = new SqliteParameter { ParameterName = name };
            _command.Parameters.Add(parameter);
            _parameters.Add(name, parameter);
        }

        _command.Prepare();
    }

    /// <summary>Sets a parameter; <see langword="null"/> binds SQL NULL.</summary>
    /// <param name="name">The parameter, with its <c>$</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public PreparedStatement Bind(string name, object? value)
    {
        _parameters[name].Value = value ?? DBNull.Value;
        return this;
    }

    /// <summary>Executes the statement.</summary>
    /// <returns>The rows changed.</returns>
    public int Execute() => _command.ExecuteNonQuery();

    /// <summary>Executes the statement and reads its rows.</summary>
    /// <returns>The reader.</returns>
    public SqliteDataReader Query() => _command.ExecuteReader();

    /// <summary>Executes the statement and reads the first column of the first row as a boolean.</summary>
    /// <returns>Whether it was non-zero.</returns>
    public bool Exists() => Convert.ToInt64(_command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture) != 0;

    public void Dispose() => _command.Dispose();
}
