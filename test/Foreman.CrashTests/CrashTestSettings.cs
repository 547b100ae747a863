using System.Globalization;

namespace Foreman.CrashTests;

/// <summary>
/// The size of the crash test, from environment variables so CI and a soak run use the same test:
/// <c>FOREMAN_CRASH_WORKFLOWS</c> (default 1000), <c>FOREMAN_CRASH_STEPS</c> (5), <c>FOREMAN_CRASH_KILLS</c>
/// (default: 5 to 10, drawn from the seed), <c>FOREMAN_CRASH_SEED</c> (20261122), <c>FOREMAN_CRASH_CONCURRENCY</c> (8),
/// <c>FOREMAN_CRASH_EFFECT_DELAY_MS</c> (10: how long each step works after its ledger write, which spreads the work
/// over the kills and widens the window in which a kill forces a re-execution).
/// </summary>
internal sealed record CrashTestSettings(int Workflows, int Steps, int Kills, int Seed, int Concurrency, int EffectDelayMs)
{
    public static CrashTestSettings FromEnvironment()
    {
        var seed = Read("FOREMAN_CRASH_SEED", 20261122);
        var random = new Random(seed);
        return new CrashTestSettings(
            Read("FOREMAN_CRASH_WORKFLOWS", 1000),
            Read("FOREMAN_CRASH_STEPS", 5),
            Read("FOREMAN_CRASH_KILLS", random.Next(5, 11)),
            seed,
            Read("FOREMAN_CRASH_CONCURRENCY", 8),
            Read("FOREMAN_CRASH_EFFECT_DELAY_MS", 10));
    }

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
