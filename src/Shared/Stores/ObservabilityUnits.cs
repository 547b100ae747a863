namespace Foreman.Stores;

/// <summary>
/// The stored units of the trace, quality and alert tables, the same in SQLite and PostgreSQL: times as microseconds
/// since the Unix epoch (spans are shorter than a millisecond), money as whole nano-units (sums are exact and
/// comparisons work in SQL).
/// </summary>
internal static class ObservabilityUnits
{
    public static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static long Nanos(decimal amount) => (long)Math.Round(amount * 1_000_000_000m, MidpointRounding.AwayFromZero);

    public static decimal FromNanos(long nanos) => nanos / 1_000_000_000m;
}
