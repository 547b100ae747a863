using Foreman.Alerts;
using Foreman.Quality;
using Foreman.Testing;

namespace Foreman.Observability.Tests;

/// <summary>
/// <c>accuracy_drift</c> compares two windows with a one-sided two-proportion test, so a stable agent's sampling
/// noise does not fire it, while a real fall does.
/// </summary>
public sealed class AccuracyDriftNoiseTests
{
    private const string Agent = "classifier";
    private const string Task = "triage";
    private const int SamplesPerDay = 200;
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task StableAgentOverSixtyDays_NoDriftAlert_ThoughRawDifferencesExceedThreePointsOften()
    {
        var store = new InMemoryQualityStore();
        var random = new Random(2026);
        AddDays(store, random, fromDay: 0, days: 60, accuracy: 0.95);
        var rule = DriftRule(store);

        // The alert loop, every 6 hours from day 2 on: 233 evaluations of overlapping window pairs.
        var fired = new List<AlertCandidate>();
        var rawFires = 0;
        for (var at = Start.AddDays(2); at <= Start.AddDays(60); at = at.AddHours(6))
        {
            fired.AddRange(await rule.EvaluateAsync(at, None));
            rawFires += await RawDropAboveThreePointsAsync(store, at) ? 1 : 0;
        }

        fired.ShouldBeEmpty();

        // The test can fail: the old rule (raw drop above 3 points, 20 samples a window) fired on this very data.
        rawFires.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task RealFallFrom95To80Percent_Fires_WithBothIntervalsInTheMessage()
    {
        var store = new InMemoryQualityStore();
        var random = new Random(7);
        AddDays(store, random, fromDay: 0, days: 10, accuracy: 0.95);
        AddDays(store, random, fromDay: 10, days: 1, accuracy: 0.80);
        var rule = DriftRule(store);

        (await rule.EvaluateAsync(Start.AddDays(10), None)).ShouldBeEmpty("the day before the fall");
        var alert = (await rule.EvaluateAsync(Start.AddDays(11), None)).ShouldHaveSingleItem();

        alert.Subject.ShouldBe($"{Agent}/{Task}");
        alert.Value.ShouldBeGreaterThan(0.1);
        alert.Severity.ShouldBe(AlertSeverity.Error, "more than three times the 3-point drift");
        alert.Message.ShouldContain("z = ");
        alert.Message.ShouldContain($"over {SamplesPerDay} samples");
    }

    [Fact]
    public async Task SmallFallOnFewSamples_NotSignificant_DoesNotFire()
    {
        // 30 of 30 → 27 of 30: 10 points, far above the 3-point threshold, but z = 1.8 < 3.09.
        var store = new InMemoryQualityStore();
        for (var i = 0; i < 30; i++)
        {
            store.AddVerified(Agent, Task, Start.AddHours(1).AddMinutes(i), correct: true);
            store.AddVerified(Agent, Task, Start.AddHours(25).AddMinutes(i), correct: i >= 3);
        }

        (await DriftRule(store).EvaluateAsync(Start.AddHours(47), None)).ShouldBeEmpty();
        (await DriftRule(store, o => o.DriftConfidence = 0.95).EvaluateAsync(Start.AddHours(47), None)).ShouldHaveSingleItem("at 95% one-sided (z ≥ 1.64) it is enough");
    }

    private static IAlertRule DriftRule(InMemoryQualityStore store, Action<AlertRuleOptions>? configure = null)
    {
        var options = new AlertRuleOptions();
        configure?.Invoke(options);
        var monitor = new QualityMonitor(store, new QualityOptions { TimeProvider = new FakeTimeProvider(Start) });
        return AlertRules.Create(options, traces: null, reviews: null, monitor).Single(r => r.Name == AlertRules.AccuracyDrift);
    }

    // Samples spread evenly over each day, each right with the given probability (seeded).
    private static void AddDays(InMemoryQualityStore store, Random random, int fromDay, int days, double accuracy)
    {
        for (var day = fromDay; day < fromDay + days; day++)
        {
            for (var i = 0; i < SamplesPerDay; i++)
            {
                store.AddVerified(Agent, Task, Start.AddDays(day) + (TimeSpan.FromDays(1) * i / SamplesPerDay), random.NextDouble() < accuracy);
            }
        }
    }

    // What the rule did before decision 0034: fire on any fall of more than 3 points between the two windows.
    private static async Task<bool> RawDropAboveThreePointsAsync(InMemoryQualityStore store, DateTimeOffset at)
    {
        var end = at.AddTicks(10);
        var current = await store.ListSamplesAsync(new QualitySampleQuery(Since: end.AddDays(-1), Until: end), None);
        var previous = await store.ListSamplesAsync(new QualitySampleQuery(Since: end.AddDays(-2), Until: end.AddDays(-1)), None);
        static double Accuracy(IReadOnlyList<QualitySample> s) => (double)s.Count(x => x.Correct == true) / s.Count;
        return current.Count >= 20 && previous.Count >= 20 && Accuracy(previous) - Accuracy(current) > 0.03;
    }
}
