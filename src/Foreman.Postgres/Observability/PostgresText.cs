namespace Foreman.Postgres;

/// <summary>Text for PostgreSQL columns written from untrusted sources (span names, error messages, tool output).</summary>
internal static class PostgresText
{
    /// <summary>
    /// PostgreSQL text cannot hold a NUL character and refuses the whole statement; a span name or error message with
    /// one (a tool's raw output, say) must not cost the batch, so it is replaced by U+FFFD.
    /// </summary>
    public static string? Text(string? value) => value is not null && value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', '\uFFFD') : value;
}
