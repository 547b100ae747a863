namespace Foreman.Server.RateLimiting;

/// <summary>
/// One rate-limit budget: a bucket of <see cref="PermitLimit"/> requests that refills evenly over
/// <see cref="Window"/>. A client may spend the whole bucket in a burst; after that it gets one request per
/// <c>Window / PermitLimit</c>. Each client (API key, or address without one) has its own bucket.
/// </summary>
public sealed class RateLimitBudget
{
    /// <summary>Initializes a new instance of the <see cref="RateLimitBudget"/> class.</summary>
    /// <param name="permitLimit">The bucket size.</param>
    /// <param name="window">The time an empty bucket takes to fill.</param>
    public RateLimitBudget(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
    }

    /// <summary>Gets or sets how many requests a client may make at once, and per <see cref="Window"/> on average. At least 1.</summary>
    public int PermitLimit { get; set; }

    /// <summary>Gets or sets the time over which <see cref="PermitLimit"/> requests are allowed. Positive.</summary>
    public TimeSpan Window { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{PermitLimit} per {Describe(Window)}";

    /// <summary>Checks the values.</summary>
    /// <param name="name">The budget's name, for the message.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    internal string? Validate(string name) =>
        PermitLimit < 1 ? $"{name}: the permit limit must be at least 1 (it is {PermitLimit})."
        : Window <= TimeSpan.Zero || Window > TimeSpan.FromDays(1) ? $"{name}: the window must be positive and at most a day (it is {Window})."
        : null;

    private static string Describe(TimeSpan window) =>
        window == TimeSpan.FromMinutes(1) ? "minute"
        : window == TimeSpan.FromSeconds(1) ? "second"
        : window.TotalSeconds < 60 ? $"{window.TotalSeconds:0.###} s"
        : $"{window.TotalMinutes:0.###} min";
}
