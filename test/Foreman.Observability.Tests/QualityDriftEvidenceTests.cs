using Foreman.Alerts;
using Foreman.Quality;
using Foreman.Reviews;
using Foreman.Samples.Quality;
using Foreman.Testing;
using Foreman.Workflows.Storage;
using Xunit.Abstractions;

namespace Foreman.Observability.Tests;

/// <summary>
/// The evidence: the sample pipeline runs for two simulated days while the simulated model's share of
/// subtly wrong answers rises from 3% to 12%. Nothing fails (every answer passes schema validation), so only
/// ground-truth sampling can see it.
/// </summary>
public sealed class QualityDriftEvidenceTests(ITestOutputHelper output)
{
    private const int RunsPerDay = 1000;
    private const int Batch = 20;
    private const double SampleRate = 1.0;
    private static readonly TimeSpan QualityWindow = TimeSpan.FromHours(12);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FOREMAN_EVIDENCE_SEED"), out var s) ? s : 2026;

    [Fact]
    public async Task ErrorRateRisesFrom3To12Percent_DriftAndThresholdAlertsFire_AgentDisabledAndWorkGoesToReviewQueue()
    {
        var (documents, labels) = InvoiceDataset.Generate((RunsPerDay * 2) + Batch, seed: Seed);
        await using var webhook = new WebhookReceiver();

        // Invoice extraction is a high-stakes use case: stricter thresholds than the defaults (95/90/85), so 12%
        // errors (88% accuracy, at the defaults only an "error") are critical here.
        await using var h = await ObservabilityHarness.StartAsync(
            labels,
            q =>
            {
                // Levels are judged on the 95% interval of accuracy (decision 0034). At the 10% this test sampled
                // before, a window holds about 100 samples, and 88 right of 100 (80.2–93.0%) cannot show accuracy
                // below 92%: the agent would rightly never be disabled. The statistics demand more evidence, so
                // this high-stakes use case verifies every output, over a 12 h window (about 500 samples).
                q.UseCases[InvoiceReader.TaskType] = new QualityUseCase { Thresholds = new QualityThresholds(Warning: 0.97, Error: 0.95, Critical: 0.92), SampleRate = SampleRate };
                q.Window = QualityWindow;
                q.MinimumSamples = 60;
            },
            webhook: webhook.Url);

        // Day 1: 3% of answers subtly wrong.
        h.Model.Faults = FaultInjection.None with { Seed = 5, WrongAnswerRate = 0.03 };
        await RunDayAsync(h, documents.Take(RunsPerDay));

        var day1 = await h.Monitor.EvaluateAsync(InvoiceReader.Name, InvoiceReader.TaskType, None);
        var expectedSamples = RunsPerDay * SampleRate * QualityWindow / TimeSpan.FromDays(1);
        day1.Samples.ShouldBeInRange((int)(expectedSamples * 0.8), (int)(expectedSamples * 1.2), "the sampled share of the window's outputs");
        day1.Accuracy.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0.92);
        (await h.Monitor.IsDisabledAsync(InvoiceReader.Name, None)).ShouldBeFalse();
        var firedOnDay1 = await h.AlertStore.ListAsync(new AlertQuery(), None);
        firedOnDay1.ShouldNotContain(a => a.Rule == AlertRules.AccuracyDrift);
        firedOnDay1.ShouldNotContain(a => a.Rule == AlertRules.QualityThreshold && a.Severity == AlertSeverity.Critical);

        // Day 2: 12%.
        h.Model.Faults = h.Model.Faults with { WrongAnswerRate = 0.12 };
        var callsBefore = h.Model.Log.Count;
        var day2Runs = await RunDayAsync(h, documents.Skip(RunsPerDay).Take(RunsPerDay));

        // The monitor detected it and disabled the agent at critical.
        var state = (await h.QualityStore.GetAgentStateAsync(InvoiceReader.Name, None)).ShouldNotBeNull();
        state.Disabled.ShouldBeTrue();
        state.ChangedBy.ShouldBe(QualityMonitor.MonitorName);
        state.Reason.ShouldContain("critical threshold");

        // Drift and threshold alerts fired, were stored once each, and reached the webhook.
        var alerts = await h.AlertStore.ListAsync(new AlertQuery(), None);
        // The drift alert may have resolved since (a disabled agent produces no more samples), or resolved and fired again.
        var drift = alerts.Where(a => a.Rule == AlertRules.AccuracyDrift).OrderBy(a => a.FiredAt).First();
        drift.Subject.ShouldBe($"{InvoiceReader.Name}/{InvoiceReader.TaskType}");
        drift.Value.ShouldBeGreaterThan(0.03);
        var threshold = alerts.Single(a => a.Rule == AlertRules.QualityThreshold && a.State == AlertState.Firing);
        threshold.Severity.ShouldBe(AlertSeverity.Critical);
        threshold.Message.ShouldContain("disabled");
        var delivered = webhook.Received.Select(r => (Id: r.GetProperty("alertId").GetString(), Rule: r.GetProperty("rule").GetString(), Severity: r.GetProperty("severity").GetString())).ToList();
        delivered.ShouldContain(d => d.Rule == AlertRules.AccuracyDrift);
        foreach (var alert in delivered.GroupBy(d => d.Id))
        {
            // One notification per alert and severity: sent again only when it got worse, never on every evaluation.
            var severities = alert.Select(d => Enum.Parse<AlertSeverity>(d.Severity!, ignoreCase: true)).ToList();
            severities.ShouldBe(severities.Distinct().Order().ToList());
        }

        delivered.Where(d => d.Rule == AlertRules.QualityThreshold).Select(d => d.Severity).Last().ShouldBe("critical");

        // After disabling, the agent's work went to the manual review queue and the model was not asked.
        var routed = day2Runs.Where(r => r.Status == RunStatus.Waiting).ToList();
        routed.ShouldNotBeEmpty();
        var manual = await h.Reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending, "manual"), None);
        manual.Select(i => i.RunId).ShouldBe(routed.Select(r => r.RunId), ignoreOrder: true);
        manual.ShouldAllBe(i => i.ToolName == QualityMonitor.ManualProcessingAction && i.DecisionType == "manual:invoice-extraction");
        output.WriteLine($"seed {Seed}: disabled at {state.ChangedAt:u} ({state.Reason}); {routed.Count} of {day2Runs.Count} day-2 runs routed to manual review");
        output.WriteLine($"drift: {drift.Message}");
        output.WriteLine($"threshold: {threshold.Message}");
        var last = (await h.RunAsync(documents.Skip(RunsPerDay * 2).Take(1))).Single();
        last.Status.ShouldBe(RunStatus.Waiting);
        h.Model.Log.Count.ShouldBe(callsBefore + ((day2Runs.Count - routed.Count) * 2), "two model calls per run that the agent handled, none for routed runs");

        // Evaluating again sends nothing more about quality: the conditions are still the same alerts. (Other rules
        // may see new conditions, such as the escalation rate now that people do all the work.)
        int QualityDeliveries() => webhook.Received.Count(r => r.GetProperty("rule").GetString() is AlertRules.AccuracyDrift or AlertRules.QualityThreshold);
        var before = QualityDeliveries();
        await h.Alerts.EvaluateAsync(None);
        await h.Alerts.EvaluateAsync(None);
        QualityDeliveries().ShouldBe(before);
    }

    // A day of traffic in batches; the alert loop evaluates after each batch, as the server's timer would.
    private static async Task<List<RunRecord>> RunDayAsync(ObservabilityHarness h, IEnumerable<Samples.Quality.InvoiceDocument> documents)
    {
        var runs = new List<RunRecord>();
        var batches = documents.Chunk(Batch).ToList();
        var step = TimeSpan.FromHours(24) / batches.Count;
        foreach (var batch in batches)
        {
            runs.AddRange(await h.RunAsync(batch));
            await h.Recorder.FlushAsync(None);
            await h.Alerts.EvaluateAsync(None);
            h.Clock.Advance(step);
        }

        return runs;
    }
}
