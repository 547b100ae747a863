using System.Text.RegularExpressions;

namespace Foreman.Postgres;

/// <summary>The schema's name, quoted for SQL, and the notification channel derived from it.</summary>
internal sealed partial class PostgresNames
{
    public PostgresNames(string schema)
    {
        if (!IdentifierPattern().IsMatch(schema ?? string.Empty))
        {
            throw new ArgumentException(
                $"The schema name '{schema}' is not usable: use 1 to 48 lower-case letters, digits and underscores, starting with a letter or underscore.", nameof(schema));
        }

        Schema = schema!;
        Quoted = "\"" + Schema + "\"";
        Channel = Schema + "_wake";
    }

    /// <summary>Gets the schema name as given.</summary>
    public string Schema { get; }

    /// <summary>Gets the schema name quoted as an SQL identifier.</summary>
    public string Quoted { get; }

    /// <summary>Gets the LISTEN/NOTIFY channel on which the store announces runs that became ready.</summary>
    public string Channel { get; }

    /// <summary>Replaces <c>{s}</c> and <c>{channel}</c> in SQL text.</summary>
    public string Expand(string sql) => sql.Replace("{s}", Quoted, StringComparison.Ordinal).Replace("{channel}", Channel, StringComparison.Ordinal);

    // Validated rather than escaped: the name is spliced into DDL and function bodies, and a plain name is also a
    // valid channel name.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,47}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
