using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Foreman.Server.RateLimiting;

/// <summary>
/// Counts refused requests: on the <c>Foreman.Server</c> meter (<see cref="RejectionsInstrument"/>, tagged with the
/// budget and whether the client is a key or an address, never the key itself), as a total for the health figures,
/// and as a short recent history for the operational alert that names the client refused most. Thread-safe.
/// </summary>
internal sealed class RateLimitLedger : IDisposable
{
    public const string MeterName = "Foreman.Server";
    public const string RejectionsInstrument = "foreman.server.rate_limit.rejections";

    /// <summary>How far back the recent history reaches (the alert's window).</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromMinutes(5);

    /// <summary>The most refusals remembered individually; a flood beyond it is still counted in the totals.</summary>
    public const int RecentCapacity = 10_000;

    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly Counter<long> _rejections;
    private readonly ConcurrentQueue<(DateTimeOffset At, RateLimitSubject Subject)> _recent = new();
    private long _total;

    public RateLimitLedger(TimeProvider time)
    {
        _time = time;
        _meter = new Meter(MeterName, typeof(RateLimitLedger).Assembly.GetName().Version?.ToString());
        _rejections = _meter.CreateCounter<long>(RejectionsInstrument, "{request}", "Requests refused with 429 by the server's rate limits.");
    }

    /// <summary>Gets the requests refused since the server started.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Record(RateLimitSubject subject)
    {
        Interlocked.Increment(ref _total);
        _rejections.Add(1, new KeyValuePair<string, object?>("foreman.rate_limit.budget", subject.ScopeName), new KeyValuePair<string, object?>("foreman.rate_limit.client", subject.IsKey ? "key" : "address"));
        var now = _time.GetUtcNow();
        _recent.Enqueue((now, subject));
        Trim(now);
    }

    /// <summary>The refusals of the last <see cref="RecentWindow"/>, grouped by client and budget, most first.</summary>
    public IReadOnlyList<(RateLimitSubject Subject, int Count, DateTimeOffset First)> Recent()
    {
        var now = _time.GetUtcNow();
        Trim(now);
        return [.. _recent.Where(e => e.At > now - RecentWindow)
            .GroupBy(e => e.Subject)
            .Select(g => (g.Key, g.Count(), g.Min(e => e.At)))
            .OrderByDescending(g => g.Item2)
            .ThenBy(g => g.Key.PartitionKey, StringComparer.Ordinal)];
    }

    public void Dispose() => _meter.Dispose();

    private void Trim(DateTimeOffset now)
    {
        while (_recent.TryPeek(out var oldest) && (oldest.At <= now - RecentWindow || _recent.Count > RecentCapacity))
        {
            _recent.TryDequeue(out _);
        }
    }
}
