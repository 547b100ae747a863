using System.Globalization;

namespace Foreman.Quality;

/// <summary>
/// Judges accuracy against thresholds on its confidence interval, with hysteresis. A level is entered when the
/// interval's upper bound is below its threshold (the degradation is statistically clear) and left only when the
/// lower bound is back at or above it; while the interval straddles a threshold the level holds. The level held
/// is not stored: it is replayed from the verified samples, evaluating the window that ends at each sample of the
/// last window and finally the window that ends now. Every process (server, CLI, cron) thus reaches the same
/// verdict from the same samples, and a restart forgets nothing. The replay starts healthy one window back, so
/// hysteresis remembers one window.
/// </summary>
internal static class QualityLevelTracker
{
    private static readonly TimeSpan JustAfter = TimeSpan.FromTicks(10);

    /// <summary>Judges the window [<paramref name="to"/> − <paramref name="window"/>, <paramref name="to"/>).</summary>
    /// <param name="samples">Verified samples, at least those sampled in [to − 2·window, to).</param>
    /// <param name="to">The end of the window (exclusive).</param>
    /// <param name="window">The window's length.</param>
    /// <param name="thresholds">The thresholds.</param>
    /// <param name="confidence">The confidence level of the interval.</param>
    /// <param name="minimumSamples">Samples a window needs for a level.</param>
    /// <returns>The judgement of the window ending at <paramref name="to"/>.</returns>
    public static QualityJudgement Judge(IReadOnlyList<QualitySample> samples, DateTimeOffset to, TimeSpan window, QualityThresholds thresholds, double confidence, int minimumSamples)
    {
        var ordered = samples.Where(s => s.SampledAt >= Back(Back(to, window), window) && s.SampledAt < to).OrderBy(s => s.SampledAt).ToList();
        var correctBefore = new int[ordered.Count + 1];
        for (var i = 0; i < ordered.Count; i++)
        {
            correctBefore[i + 1] = correctBefore[i] + (ordered[i].Correct == true ? 1 : 0);
        }

        // Evaluation points: just after each sample of the last window (same-instant samples together), then now.
        var points = ordered.Where(s => s.SampledAt >= Back(to, window)).Select(s => s.SampledAt + JustAfter).Where(p => p < to).Distinct().Append(to);
        int state = 0, lo = 0, hi = 0;
        ProportionInterval? last = null;
        foreach (var end in points)
        {
            while (hi < ordered.Count && ordered[hi].SampledAt < end)
            {
                hi++;
            }

            while (lo < hi && ordered[lo].SampledAt < Back(end, window))
            {
                lo++;
            }

            var n = hi - lo;
            last = n == 0 ? null : ProportionInterval.Wilson(correctBefore[hi] - correctBefore[lo], n, confidence);
            if (n >= minimumSamples && last is not null)
            {
                state = Next(state, last, thresholds);
            }
        }

        if (last is null || last.Trials < minimumSamples)
        {
            var count = last?.Trials ?? 0;
            return new QualityJudgement(QualityLevel.InsufficientData, false,
                string.Create(CultureInfo.InvariantCulture, $"insufficient data: {count} of the {minimumSamples} verified samples a level needs"));
        }

        return Describe(state, last, thresholds);
    }

    /// <summary>A moment <paramref name="span"/> before <paramref name="moment"/>, or the earliest one representable (a window from the beginning of time).</summary>
    internal static DateTimeOffset Back(DateTimeOffset moment, TimeSpan span) =>
        moment - DateTimeOffset.MinValue < span ? DateTimeOffset.MinValue : moment - span;

    /// <summary>The next state (0 healthy … 3 critical): at least what the upper bound shows, at most what the lower bound still allows.</summary>
    internal static int Next(int state, ProportionInterval interval, QualityThresholds thresholds) =>
        Math.Max(Entered(interval.Upper, thresholds), Math.Min(state, Possible(interval.Lower, thresholds)));

    // The worst level whose threshold the whole interval is below.
    private static int Entered(double upper, QualityThresholds t) => upper < t.Critical ? 3 : upper < t.Error ? 2 : upper < t.Warning ? 1 : 0;

    // The worst level the interval cannot rule out: its lower bound is still below that level's threshold.
    private static int Possible(double lower, QualityThresholds t) => lower < t.Critical ? 3 : lower < t.Error ? 2 : lower < t.Warning ? 1 : 0;

    private static QualityJudgement Describe(int state, ProportionInterval i, QualityThresholds t)
    {
        var level = (QualityLevel)((int)QualityLevel.Healthy + state);
        var entered = Entered(i.Upper, t);
        var possible = Possible(i.Lower, t);
        var range = string.Create(CultureInfo.InvariantCulture, $"{i.Lower:P1}–{i.Upper:P1} at {i.Confidence:P0} over {i.Trials} samples");
        string reason;
        if (state == 0)
        {
            reason = possible == 0
                ? string.Create(CultureInfo.InvariantCulture, $"healthy: accuracy {range}, all at or above the warning threshold of {t.Warning:P0}")
                : string.Create(CultureInfo.InvariantCulture, $"healthy so far, not confirmed: accuracy {range} spans the {Name(possible)} threshold of {Threshold(possible, t):P0}; no degradation is clear yet");
        }
        else if (entered == state)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"{Name(state)}: accuracy {range}, upper bound below the {Name(state)} threshold of {Threshold(state, t):P0}");
        }
        else
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"{Name(state)}, held: accuracy {range}; the lower bound must reach {Threshold(state, t):P0} to leave it");
        }

        return new QualityJudgement(level, entered == possible, reason);
    }

    private static string Name(int state) => state switch { 1 => "warning", 2 => "error", 3 => "critical", _ => "healthy" };

    private static double Threshold(int state, QualityThresholds t) => state switch { 1 => t.Warning, 2 => t.Error, _ => t.Critical };
}
