namespace Foreman.Server.RateLimiting;

/// <summary>
/// How many requests the server accepts from one client before answering 429 with a <c>Retry-After</c> header.
/// Authenticated requests (API key or dashboard session) are counted per API key, with separate budgets for reads
/// (GET, HEAD, OPTIONS) and writes (everything else: submit, events, decisions, cancel, key changes). Requests
/// without a valid key are counted per client address: sign-in attempts in their own small budget, everything else
/// (the dashboard's files, /healthz, wrong keys) in another. The defaults are far above what a person on the
/// dashboard or a normal integration does; they exist to stop a runaway client or a leaked key from starving everyone.
/// </summary>
public sealed class ForemanRateLimitOptions
{
    /// <summary>Gets or sets a value indicating whether requests are rate limited at all. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets the per-key budget of writes. The default value is 600 per minute.</summary>
    public RateLimitBudget Writes { get; } = new(600, TimeSpan.FromMinutes(1));

    /// <summary>Gets the per-key budget of reads. The default value is 1,200 per minute.</summary>
    public RateLimitBudget Reads { get; } = new(1200, TimeSpan.FromMinutes(1));

    /// <summary>Gets the per-address budget of sign-in attempts (<c>POST /auth/session</c>), right or wrong. The default value is 20 per minute.</summary>
    public RateLimitBudget SignIn { get; } = new(20, TimeSpan.FromMinutes(1));

    /// <summary>Gets the per-address budget of every other request without a valid key (dashboard files, health checks, wrong keys). The default value is 300 per minute.</summary>
    public RateLimitBudget Anonymous { get; } = new(300, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Gets or sets how many live metric streams (<c>/api/metrics/stream</c>) one key may hold open. A stream is
    /// long-lived, so it is not counted against the read budget and never cut once open; only extra ones are refused.
    /// The default value is 8.
    /// </summary>
    public int StreamsPerKey { get; set; } = 8;

    /// <summary>Checks the settings.</summary>
    /// <returns>The problems found (none when valid).</returns>
    internal IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, budget) in new[] { ("writes", Writes), ("reads", Reads), ("sign-in", SignIn), ("anonymous", Anonymous) })
        {
            if (budget.Validate(name) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (StreamsPerKey < 1)
        {
            problems.Add($"streams per key: must be at least 1 (it is {StreamsPerKey}).");
        }

        return problems;
    }
}
