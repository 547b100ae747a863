using Foreman.Alerts;
using Foreman.Quality;
using Foreman.Testing;

namespace Foreman.Observability.Tests;

/// <summary>
/// Verdicts that know how sure they are (decision 0034): a level is entered only when the accuracy interval lies
/// below its threshold, and left only when the interval's lower bound is back above it; too few samples give
/// "insufficient data", and nothing is disabled on it.
/// </summary>
public sealed class QualityConfidenceTests
{
    private const string Agent = "extractor";
    private const string Task = "extraction";
    private const string Right = """{"total":10.00}""";
    private const string Wrong = """{"total":10.50}""";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly QualityThresholds Strict = new(Warning: 0.97, Error: 0.95, Critical: 0.92);

    [Fact]
    public async Task OneWrongOfEight_BelowMinimumSamples_InsufficientDataAndNotDisabled()
    {
        var (monitor, _, store) = Create(o => o.Thresholds = Strict);

        await ObserveAsync(monitor, Enumerable.Range(0, 8).Select(i => i != 3));

        var status = await monitor.EvaluateAsync(Agent, Task, None);
        status.Accuracy.ShouldBe(0.875);
        status.Level.ShouldBe(QualityLevel.InsufficientData);
        status.Reason.ShouldContain("8 of the 20");
        status.AccuracyInterval.ShouldNotBeNull().Trials.ShouldBe(8);
        (await store.GetAgentStateAsync(Agent, None)).ShouldBeNull("nothing is disabled on insufficient data");
    }

    [Fact]
    public async Task OneWrongOfEight_EvenWithALowMinimum_NotClearlyBelowTheCriticalThreshold_NotDisabled()
    {
        // 87.5% is below the strict critical threshold of 92%, which used to disable the agent. Its interval,
        // 52.9–97.8%, also holds 92%: one wrong answer in eight is not evidence of a broken agent.
        var (monitor, _, store) = Create(o => { o.Thresholds = Strict; o.MinimumSamples = 5; });

        await ObserveAsync(monitor, Enumerable.Range(0, 8).Select(i => i != 3));

        var status = await monitor.EvaluateAsync(Agent, Task, None);
        status.AccuracyInterval!.Lower.ShouldBe(0.5291118178, 1e-8);
        status.AccuracyInterval.Upper.ShouldBe(0.9775825085, 1e-8);
        status.Level.ShouldBe(QualityLevel.Healthy);
        status.Conclusive.ShouldBeFalse();
        status.Reason.ShouldContain("not confirmed");
        (await store.GetAgentStateAsync(Agent, None)).ShouldBeNull();
    }

    [Fact]
    public async Task NineteenOfTwenty_HealthyOnlyUnconfirmed_ThenATrueRateFarLower_DisabledOnceTheSamplesShowIt()
    {
        var (monitor, clock, _) = Create();

        // The first 20 happen to be 19 right: 95%, which the point estimate called healthy.
        await ObserveAsync(monitor, Enumerable.Range(0, 20).Select(i => i != 10), clock);
        var early = await monitor.EvaluateAsync(Agent, Task, None);
        early.Level.ShouldBe(QualityLevel.Healthy);
        early.Conclusive.ShouldBeFalse("76.4–99.1% spans every threshold: healthy is not confirmed");
        early.AccuracyInterval!.Lower.ShouldBeLessThan(0.85);
        (await monitor.IsDisabledAsync(Agent, None)).ShouldBeFalse();

        // The agent is really right 70% of the time (seeded).
        var random = new Random(34);
        var disabledAfter = 0;
        for (var i = 0; i < 150 && disabledAfter == 0; i++)
        {
            await ObserveAsync(monitor, [random.NextDouble() < 0.70], clock, first: 20 + i);
            disabledAfter = await monitor.IsDisabledAsync(Agent, None) ? 21 + i : 0;
        }

        disabledAfter.ShouldBeGreaterThan(20, "more evidence than the first 20 was needed");
        disabledAfter.ShouldBeLessThan(170, "but it came: the agent was disabled");
        var late = await monitor.EvaluateAsync(Agent, Task, None);
        late.Level.ShouldBe(QualityLevel.Critical);
        late.AccuracyInterval!.Upper.ShouldBeLessThan(0.85);
        (await monitor.Store.GetAgentStateAsync(Agent, None))!.Reason.ShouldContain("clearly below the critical threshold");
    }

    [Fact]
    public async Task Hysteresis_LevelEnteredOnTheUpperBound_LeftOnlyWhenTheLowerBoundIsBack()
    {
        var (monitor, clock, store) = Create(o => o.DisableAtCritical = false);

        // 84 of 100 (75.6–89.9%): clearly below 90%, not clearly below 85% → error (the point estimate said critical).
        Add(store, clock.GetUtcNow(), right: 84, wrong: 16);
        var a = await monitor.EvaluateAsync(Agent, Task, None);
        a.Level.ShouldBe(QualityLevel.Error);
        a.Reason.ShouldContain("upper bound below the error threshold");

        // 12 h later, 97 of 100 more: the window holds 181 of 200 = 90.5% (85.6–93.8%). The point estimate would
        // say warning; the lower bound is not back above 90%, so error holds.
        clock.Advance(TimeSpan.FromHours(12));
        Add(store, clock.GetUtcNow(), right: 97, wrong: 3);
        var b = await monitor.EvaluateAsync(Agent, Task, None);
        b.Accuracy!.Value.ShouldBe(0.905, 1e-9);
        b.Level.ShouldBe(QualityLevel.Error);
        b.Conclusive.ShouldBeFalse();
        b.Reason.ShouldContain("held");

        // 13 h later the first 100 have left the window: 190 of 200 = 95% (91.0–97.3%). The lower bound is above
        // 90% (error is left) but not above 95%: warning holds, although the point estimate says healthy.
        clock.Advance(TimeSpan.FromHours(13));
        Add(store, clock.GetUtcNow(), right: 93, wrong: 7);
        var c = await monitor.EvaluateAsync(Agent, Task, None);
        c.Accuracy!.Value.ShouldBe(0.95, 1e-9);
        c.Level.ShouldBe(QualityLevel.Warning);
        c.Conclusive.ShouldBeFalse();

        // 13 h later: 293 of 300 (95.3–98.9%). The lower bound is back above 95%: healthy, and confirmed.
        clock.Advance(TimeSpan.FromHours(13));
        Add(store, clock.GetUtcNow(), right: 200, wrong: 0);
        var d = await monitor.EvaluateAsync(Agent, Task, None);
        d.Samples.ShouldBe(300);
        d.Level.ShouldBe(QualityLevel.Healthy);
        d.Conclusive.ShouldBeTrue();
    }

    [Fact]
    public async Task Statuses_CarryIntervalsForAccuracyPrecisionAndRecall_AtTheConfiguredLevel()
    {
        var (monitor, clock, store) = Create(o => o.ConfidenceLevel = 0.99);
        Add(store, clock.GetUtcNow(), right: 95, wrong: 5);

        var status = (await monitor.GetStatusesAsync(None)).ShouldHaveSingleItem();

        status.ConfidenceLevel.ShouldBe(0.99);
        status.AccuracyInterval!.Lower.ShouldBe(0.8608496971, 1e-8);
        status.AccuracyInterval.Upper.ShouldBe(0.9831516840, 1e-8);

        // One field per sample here: 95 right fields of 100 stated and of 100 expected.
        status.PrecisionInterval!.Trials.ShouldBe(100);
        status.RecallInterval!.Lower.ShouldBe(0.8608496971, 1e-8);
        status.MinimumSamples.ShouldBe(20);
        Should.Throw<ArgumentException>(() => new QualityMonitor(store, new QualityOptions { ConfidenceLevel = 1 }));
        Should.Throw<ArgumentException>(() => new QualityMonitor(store, new QualityOptions { ConfidenceLevel = 0.3 }));
    }

    [Fact]
    public async Task ThresholdAlert_FollowsTheIntervalLevel_NotThePointEstimate()
    {
        var (monitor, clock, store) = Create(o => { o.DisableAtCritical = false; o.MinimumSamples = 5; });
        var rule = AlertRules.Create(new AlertRuleOptions(), traces: null, reviews: null, monitor).Single(r => r.Name == AlertRules.QualityThreshold);

        // 7 of 8 (87.5%) is below the 90% error threshold as a point, but its interval (52.9–97.8%) is not: no alert.
        Add(store, clock.GetUtcNow(), right: 7, wrong: 1);
        (await rule.EvaluateAsync(clock.GetUtcNow(), None)).ShouldBeEmpty();

        // 84 of 100 more (91 of 108 in the window, 76.2–89.9%): clearly below 90%, an error alert quoting the interval.
        clock.Advance(TimeSpan.FromHours(1));
        Add(store, clock.GetUtcNow(), right: 84, wrong: 16);
        var alert = (await rule.EvaluateAsync(clock.GetUtcNow(), None)).ShouldHaveSingleItem();
        alert.Severity.ShouldBe(AlertSeverity.Error);
        alert.Message.ShouldContain("over 108 samples");
        alert.Message.ShouldContain("at 95 % confidence), clearly below the error threshold");

        // 97 of 100 more (188 of 208, 85.6–93.7%): the point estimate is back above 90%, the lower bound is not, so
        // the error alert holds instead of dropping to a warning and coming back.
        clock.Advance(TimeSpan.FromHours(12));
        Add(store, clock.GetUtcNow(), right: 97, wrong: 3);
        var held = (await rule.EvaluateAsync(clock.GetUtcNow(), None)).ShouldHaveSingleItem();
        held.Severity.ShouldBe(AlertSeverity.Error);
        held.Message.ShouldContain("held until the lower bound is back at the error threshold");
    }

    [Fact]
    public async Task Measure_FromTheBeginningOfTime_NoOverflowInTheReplayedWindow()
    {
        var (monitor, clock, store) = Create();
        Add(store, clock.GetUtcNow(), right: 30, wrong: 0);

        var status = await monitor.MeasureAsync(Agent, Task, DateTimeOffset.MinValue, clock.GetUtcNow().AddTicks(10), None);

        status.Samples.ShouldBe(30);
        status.Level.ShouldBe(QualityLevel.Healthy);
        status.AccuracyInterval!.Lower.ShouldBeLessThan(0.95, "30 of 30 is not yet proof of 95%");
    }

    private static (QualityMonitor Monitor, FakeTimeProvider Clock, InMemoryQualityStore Store) Create(Action<QualityOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryQualityStore();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 1000; i++)
        {
            expected[$"doc-{i}"] = Right;
        }

        var options = new QualityOptions { SampleRate = 1.0, GroundTruth = new LabelledDataset(expected), TimeProvider = clock };
        configure?.Invoke(options);
        return (new QualityMonitor(store, options), clock, store);
    }

    // Offers outputs through the real path (sampling, labelled verdict, evaluation, disabling), five minutes apart when a clock is given.
    private static async Task ObserveAsync(QualityMonitor monitor, IEnumerable<bool> correct, FakeTimeProvider? clock = null, int first = 0)
    {
        var i = first;
        foreach (var right in correct)
        {
            await monitor.ObserveAsync(new QualityObservation { RunId = $"run-{i}", Pipeline = "pipe", Agent = Agent, TaskType = Task, Output = right ? Right : Wrong, InputKey = $"doc-{i}" }, None);
            clock?.Advance(TimeSpan.FromMinutes(5));
            i++;
        }
    }

    private static void Add(InMemoryQualityStore store, DateTimeOffset at, int right, int wrong)
    {
        for (var i = 0; i < right + wrong; i++)
        {
            store.AddVerified(Agent, Task, at, correct: i < right);
        }
    }
}
