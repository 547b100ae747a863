using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>Queries the stores in the workflow store's file run the same way.</summary>
internal static class SqliteQuery
{
    /// <summary>Runs a query with one parameter and maps the first row it returns.</summary>
    /// <returns>The row, or <see langword="null"/> when the query returns none.</returns>
    public static T? FirstOrNull<T>(SqliteConnection connection, string sql, string parameter, object value, Func<SqliteDataReader, T> map)
        where T : class
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(parameter, value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }
}
