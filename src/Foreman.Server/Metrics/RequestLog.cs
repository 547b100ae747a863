namespace Foreman.Server.Metrics;

/// <summary>
/// The API's recent requests (time, duration, server failure) for requests per minute, latency percentiles and
/// the request success rate. Keeps the last five minutes, at most <see cref="Capacity"/> entries. Thread-safe.
/// </summary>
internal sealed class RequestLog(TimeProvider time)
{
    public const int Capacity = 100_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly Queue<(DateTimeOffset At, double Milliseconds, bool ServerError)> _entries = new();
    private readonly Lock _gate = new();

    public void Record(double milliseconds, int statusCode)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _entries.Enqueue((now, milliseconds, statusCode >= 500));
            Trim(now);
        }
    }

    public (int PerMinute, double P50, double P95, double P99, double SuccessRate) Summarize()
    {
        var now = time.GetUtcNow();
        double[] durations;
        int perMinute, errors;
        lock (_gate)
        {
            Trim(now);
            durations = [.. _entries.Select(e => e.Milliseconds)];
            perMinute = _entries.Count(e => e.At > now - TimeSpan.FromMinutes(1));
            errors = _entries.Count(e => e.ServerError);
        }

        Array.Sort(durations);
        return (perMinute, Percentile(durations, 0.50), Percentile(durations, 0.95), Percentile(durations, 0.99), durations.Length == 0 ? 1 : 1 - ((double)errors / durations.Length));
    }

    /// <summary>Nearest-rank percentile of sorted values; 0 when there are none.</summary>
    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private void Trim(DateTimeOffset now)
    {
        while (_entries.Count > 0 && (_entries.Count > Capacity || _entries.Peek().At < now - Window))
        {
            _entries.Dequeue();
        }
    }
}
