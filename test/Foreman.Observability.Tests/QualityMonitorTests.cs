using System.Text.Json;
using Foreman.Quality;
using Foreman.Reviews;
using Foreman.Samples.Quality;

namespace Foreman.Observability.Tests;

public sealed class QualityMonitorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Levels are judged on the 95% Wilson interval of accuracy, not on the point estimate (decision 0034): with 100
    // samples, 93 right (86.3–96.6%) does not show accuracy below 95%, 88 right (80.2–93.0%) shows it below 95% but
    // not below 90%, and 84 right (75.6–89.9%) is below 90% but not clearly below 85%.
    [Theory]
    [InlineData(4, QualityLevel.Healthy, false)]
    [InlineData(7, QualityLevel.Healthy, false)]
    [InlineData(10, QualityLevel.Warning, false)]
    [InlineData(12, QualityLevel.Warning, false)]
    [InlineData(16, QualityLevel.Error, false)]
    [InlineData(25, QualityLevel.Critical, true)]
    public async Task DefaultThresholds_ErrorsOutOf100_LevelAndDisabling(int wrong, QualityLevel level, bool disabled)
    {
        await using var h = await ObservabilityHarness.StartAsync(InvoiceDataset.Generate(1).Labels);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var monitor = new QualityMonitor(h.QualityStore, new QualityOptions { SampleRate = 1.0, GroundTruth = new LabelledDataset(expected), TimeProvider = h.Clock });

        for (var i = 0; i < 100; i++)
        {
            expected[$"doc-{i}"] = """{"total":10.00,"currency":"EUR"}""";
            // Errors spread evenly through the stream, as a steady error rate would be.
            var isWrong = (i + 1) * wrong / 100 > i * wrong / 100;
            var output = isWrong ? """{"total":10.50,"currency":"EUR"}""" : """{"total":10.00,"currency":"EUR"}""";
            await monitor.ObserveAsync(Observation($"run-{i}", $"doc-{i}", output, 0.9), None);
        }

        var status = await monitor.EvaluateAsync("extractor", "extraction", None);
        status.Samples.ShouldBe(100);
        status.Accuracy!.Value.ShouldBe((100 - wrong) / 100.0, 1e-9);
        status.Level.ShouldBe(level);
        (await monitor.IsDisabledAsync("extractor", None)).ShouldBe(disabled);
    }

    [Fact]
    public async Task FieldLevelComparison_WrongMissingAndInventedFields_PrecisionAndRecall()
    {
        await using var h = await ObservabilityHarness.StartAsync(InvoiceDataset.Generate(1).Labels);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["a"] = """{"invoice":"A-1","total":100,"currency":"EUR","vendor":"V-1","confidence":1}""",
            ["b"] = """{"invoice":"B-1","total":200,"currency":"EUR","vendor":"V-2"}""",
        };
        var monitor = new QualityMonitor(h.QualityStore, new QualityOptions { SampleRate = 1.0, GroundTruth = new LabelledDataset(expected), TimeProvider = h.Clock, MinimumSamples = 1 });

        // a: one wrong field (total); confidence is not a fact about the input and is ignored.
        await monitor.ObserveAsync(Observation("r-a", "a", """{"invoice":"A-1","total":101,"currency":"EUR","vendor":"V-1","confidence":0.4}""", 0.4), None);

        // b: vendor missing, an invented field.
        await monitor.ObserveAsync(Observation("r-b", "b", """{"invoice":"B-1","total":200.0,"currency":"EUR","note":"x"}""", 0.9), None);

        var samples = await h.QualityStore.ListSamplesAsync(new QualitySampleQuery(Agent: "extractor"), None);
        var a = samples.Single(s => s.RunId == "r-a");
        (a.TruePositives, a.FalsePositives, a.FalseNegatives, a.Correct).ShouldBe((3, 1, 1, false));
        var b = samples.Single(s => s.RunId == "r-b");
        (b.TruePositives, b.FalsePositives, b.FalseNegatives, b.Correct).ShouldBe((3, 1, 1, false), "200.0 equals 200; the missing vendor is a false negative, the invented note a false positive");
        var status = await monitor.EvaluateAsync("extractor", "extraction", None);
        status.Precision!.Value.ShouldBe(6 / 8.0, 1e-9);
        status.Recall!.Value.ShouldBe(6 / 8.0, 1e-9);
        status.Accuracy.ShouldBe(0d);
    }

    [Fact]
    public async Task Calibration_HighConfidenceNotMatchedByAccuracy_FlaggedOverConfident()
    {
        await using var h = await ObservabilityHarness.StartAsync(InvoiceDataset.Generate(1).Labels);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var monitor = new QualityMonitor(h.QualityStore, new QualityOptions { SampleRate = 1.0, GroundTruth = new LabelledDataset(expected), TimeProvider = h.Clock });
        for (var i = 0; i < 40; i++)
        {
            expected[$"d{i}"] = """{"label":"billing"}""";

            // "bold" says 0.95 and is right 70% of the time; "honest" says 0.7 and is right 70% of the time.
            var right = i % 10 < 7;
            var output = right ? """{"label":"billing"}""" : """{"label":"shipping"}""";
            await monitor.ObserveAsync(Observation($"bold-{i}", $"d{i}", output, 0.95) with { Agent = "bold" }, None);
            await monitor.ObserveAsync(Observation($"honest-{i}", $"d{i}", output, 0.72) with { Agent = "honest" }, None);
        }

        var bold = await monitor.CalibrationAsync("bold", DateTimeOffset.MinValue, None);
        var honest = await monitor.CalibrationAsync("honest", DateTimeOffset.MinValue, None);

        bold.OverConfident.ShouldBeTrue();
        var bucket = bold.Buckets.ShouldHaveSingleItem();
        (bucket.Lower, bucket.Upper, bucket.Samples).ShouldBe((0.9, 1.0, 40));
        bucket.Accuracy.ShouldBe(0.7, 1e-9);
        bold.ExpectedCalibrationError.ShouldBe(0.25, 1e-9);
        honest.OverConfident.ShouldBeFalse();
        honest.Buckets.ShouldHaveSingleItem().Lower.ShouldBe(0.7);
    }

    [Fact]
    public async Task GroundTruthThroughTheReviewQueue_ApproveModifyReject_BecomeVerdicts()
    {
        await using var h = await ObservabilityHarness.StartAsync(InvoiceDataset.Generate(1).Labels);
        var monitor = new QualityMonitor(h.QualityStore, new QualityOptions { SampleRate = 1.0, Reviews = h.Reviews, Traces = h.Traces, TimeProvider = h.Clock, ReviewCostPerSample = 2m, MinimumSamples = 1 });
        var schema = """{"type":"object","properties":{"total":{"type":"number"}},"required":["total"]}""";
        var samples = new List<QualitySample>();
        foreach (var i in Enumerable.Range(1, 3))
        {
            samples.Add((await monitor.ObserveAsync(Observation($"run-{i}", null, """{"total":10}""", 0.9) with { OutputSchema = schema, Input = "Invoice total 10" }, None))!);
        }

        samples.ShouldAllBe(s => s.ReviewItemId != null && s.Status == QualitySampleStatus.Pending);
        var items = await h.Reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending, "quality"), None);
        items.Count.ShouldBe(3);
        items.ShouldAllBe(i => i.ToolName == QualityMonitor.VerifyOutputAction && i.DecisionType == "quality:extraction" && i.HumanCost == 2m);

        var service = new ReviewService(h.Reviews, h.Engine, h.Clock);
        await service.DecideAsync(samples[0].ReviewItemId!, new ReviewDecision(ReviewStatus.Approved, "ana", "right"), None);
        await service.DecideAsync(samples[1].ReviewItemId!, new ReviewDecision(ReviewStatus.Modified, "ana", "total is 12", """{"total":12}"""), None);
        await service.DecideAsync(samples[2].ReviewItemId!, new ReviewDecision(ReviewStatus.Rejected, "ana", "not an invoice"), None);

        (await monitor.SyncReviewsAsync(None)).ShouldBe(3);
        (await monitor.SyncReviewsAsync(None)).ShouldBe(0, "verified samples are not verified again");

        var verified = (await h.QualityStore.ListSamplesAsync(new QualitySampleQuery(), None)).ToDictionary(s => s.RunId);
        verified["run-1"].Correct.ShouldBe(true);
        verified["run-2"].Correct.ShouldBe(false);
        JsonDocument.Parse(verified["run-2"].Expected!).RootElement.GetProperty("total").GetInt32().ShouldBe(12);
        verified["run-3"].Correct.ShouldBe(false);
        verified.Values.ShouldAllBe(s => s.VerifiedBy == "ana");
        (await monitor.EvaluateAsync("extractor", "extraction", None)).Accuracy!.Value.ShouldBe(1 / 3.0, 1e-9);
    }

    [Fact]
    public async Task DisabledAgent_ReEnabledByAPerson_RunsAgain()
    {
        await using var h = await ObservabilityHarness.StartAsync(InvoiceDataset.Generate(1).Labels);
        await h.Monitor.SetDisabledAsync(InvoiceReader.Name, disabled: true, "ops", "testing", None);
        (await h.Monitor.IsDisabledAsync(InvoiceReader.Name, None)).ShouldBeTrue();

        await h.Monitor.SetDisabledAsync(InvoiceReader.Name, disabled: false, "ops", "prompt fixed", None);

        (await h.Monitor.IsDisabledAsync(InvoiceReader.Name, None)).ShouldBeFalse();
        var states = await h.QualityStore.ListAgentStatesAsync(None);
        states.ShouldHaveSingleItem().Reason.ShouldBe("prompt fixed");
    }

    [Fact]
    public void Options_BadSampleRateOrThresholds_Refused()
    {
        var store = new NullStore();
        Should.Throw<ArgumentException>(() => new QualityMonitor(store, new QualityOptions { SampleRate = 0 }));
        Should.Throw<ArgumentException>(() => new QualityMonitor(store, new QualityOptions { Thresholds = new QualityThresholds(0.8, 0.9, 0.85) }));
        new QualityOptions().SampleRate.ShouldBe(0.05);
        QualityThresholds.Default.ShouldBe(new QualityThresholds(0.95, 0.90, 0.85));
    }

    [Fact]
    public void Sampling_StableAndNearTheRate()
    {
        var monitor = new QualityMonitor(new NullStore(), new QualityOptions { SampleRate = 0.07 });
        var sampled = Enumerable.Range(0, 20_000).Count(i => monitor.IsSampled($"run-{i}", "a", "t"));
        (sampled / 20_000.0).ShouldBe(0.07, 0.01);
        monitor.IsSampled("run-1", "a", "t").ShouldBe(monitor.IsSampled("run-1", "a", "t"));
    }

    private static QualityObservation Observation(string runId, string? key, string output, double confidence) => new()
    {
        RunId = runId,
        Pipeline = "pipe",
        Agent = "extractor",
        TaskType = "extraction",
        Output = output,
        Confidence = confidence,
        InputKey = key,
    };

    private sealed class NullStore : IQualityStore
    {
        public Task<(QualitySample Sample, bool Created)> AddSampleAsync(QualitySample sample, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<QualitySample?> GetSampleAsync(string sampleId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<QualitySample>> ListSamplesAsync(QualitySampleQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<(QualitySample Sample, bool Applied)?> VerifyAsync(QualitySample verified, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<AgentQualityState?> GetAgentStateAsync(string agent, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetAgentStateAsync(AgentQualityState state, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AgentQualityState>> ListAgentStatesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
