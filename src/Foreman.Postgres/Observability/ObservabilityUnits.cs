namespace Foreman.Postgres;

/// <summary>
/// The stored units of the trace, quality and alert tables, the SQLite stores' units so both databases hold the same
/// numbers: times as microseconds since the Unix epoch (spans are shorter than a millisecond), money as whole
/// nano-units (sums are exact and comparisons work in SQL).
/// </summary>
internal static class ObservabilityUnits
{
    public static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static long Nanos(decimal amount) => (long)Math.Round(amount * 1_000_000_000m, MidpointRounding.AwayFromZero);

    public static decimal FromNanos(long nanos) => nanos / 1_000_000_000m;

    /// <summary>
    /// PostgreSQL text cannot hold a NUL character and refuses the whole statement; a span name or error message with
    /// one (a tool's raw output, say) must not cost the batch, so it is replaced by U+FFFD.
    /// </summary>
    public static string? Text(string? value) => value is not null && value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', '\uFFFD') : value;
}
