using Foreman.Alerts;
using Foreman.Reviews;
using Foreman.Samples.Quality;
using Foreman.Testing;

namespace Foreman.Observability.Tests;

public sealed class AlertTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RunawayLoops_LoopRateAbove2Percent_LoopRateAlertFiresOnceAndReachesTheWebhook()
    {
        var (documents, labels) = InvoiceDataset.Generate(40, seed: 9);
        await using var webhook = new WebhookReceiver();
        await using var h = await ObservabilityHarness.StartAsync(labels, webhook: webhook.Url);
        h.Model.Faults = FaultInjection.None with { Seed = 4, RepeatedCallRate = 0.6 };

        var ran = await h.RunAsync(documents);
        ran.ShouldAllBe(r => r.Status == Foreman.Workflows.Storage.RunStatus.Completed, "a loop stops the agent, not the durable run");
        await h.Recorder.FlushAsync(None);
        var first = await h.Alerts.EvaluateAsync(None);
        var second = await h.Alerts.EvaluateAsync(None);

        var loops = (await h.TraceQueries.QueryAsync("loops > 0", None)).Runs;
        loops.ShouldNotBeEmpty("the model repeats identical tool calls and the guard stops those runs");
        var alert = first.Fired.Single(a => a.Rule == AlertRules.LoopRate);
        alert.Subject.ShouldBe(InvoiceReader.Name);
        alert.Value.ShouldBe((double)loops.Count / documents.Count, 1e-9);
        alert.Value.ShouldBeGreaterThan(0.02);
        second.Fired.ShouldNotContain(a => a.Rule == AlertRules.LoopRate, "the same condition does not fire twice");
        second.StillFiring.ShouldContain(a => a.AlertId == alert.AlertId && a.Occurrences == 2);
        webhook.Received.Count(r => r.GetProperty("rule").GetString() == AlertRules.LoopRate).ShouldBe(1);
        (await h.AlertStore.ListAsync(new AlertQuery(Rule: AlertRules.LoopRate), None)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task HealthyTraffic_NoRateAlerts_AndAConditionThatClearsResolvesAfterTheQuietPeriod()
    {
        var (documents, labels) = InvoiceDataset.Generate(30, seed: 10);
        await using var h = await ObservabilityHarness.StartAsync(labels, alerts: a => a.RetryRateThreshold = 0.15);
        h.Model.Faults = FaultInjection.None with { Seed = 8, ServerErrorRate = 0.4 };
        await h.RunAsync(documents, tick: TimeSpan.FromSeconds(5));
        await h.Recorder.FlushAsync(None);

        var noisy = await h.Alerts.EvaluateAsync(None);
        var retry = noisy.Fired.Single(a => a.Rule == AlertRules.RetryRate);
        retry.Subject.ShouldBe(InvoiceReader.Name);
        retry.Value.ShouldBeGreaterThan(0.15);
        noisy.Fired.ShouldNotContain(a => a.Rule == AlertRules.LoopRate);

        // An hour later the window holds no traffic: the condition is gone, and after the quiet period it resolves.
        h.Clock.Advance(TimeSpan.FromMinutes(90));
        var quiet = await h.Alerts.EvaluateAsync(None);
        quiet.Resolved.ShouldContain(a => a.AlertId == retry.AlertId);
        (await h.AlertStore.ListAsync(new AlertQuery(AlertState.Firing), None)).ShouldNotContain(a => a.Rule == AlertRules.RetryRate);
    }

    [Fact]
    public async Task Webhook_FailsTwiceThenAccepts_DeliveredWithRetries()
    {
        await using var webhook = new WebhookReceiver(failFirst: 2);
        using var http = new HttpClient();
        var sink = new WebhookAlertSink(http, new WebhookAlertSinkOptions { Url = webhook.Url, MaxAttempts = 4, FirstRetryDelay = TimeSpan.FromMilliseconds(10), TimeProvider = TimeProvider.System });
        var alert = new Alert { AlertId = "alrt_1", Rule = "loop_rate", Subject = "a", Severity = AlertSeverity.Error, Message = "m", FiredAt = DateTimeOffset.UnixEpoch, LastSeenAt = DateTimeOffset.UnixEpoch, Value = 0.1, Threshold = 0.02 };

        (await sink.SendAsync(alert, None)).ShouldBeTrue();

        sink.LastAttempts.ShouldBe(3);
        var body = webhook.Received.ShouldHaveSingleItem();
        body.GetProperty("alertId").GetString().ShouldBe("alrt_1");
        body.GetProperty("severity").GetString().ShouldBe("error");
        body.GetProperty("threshold").GetDouble().ShouldBe(0.02);
    }

    [Fact]
    public async Task Webhook_Down_NotDeliveredAndRetriedAtTheNextEvaluation()
    {
        await using var h = await ObservabilityHarness.StartAsync(InvoiceDataset.Generate(1).Labels);
        await using var webhook = new WebhookReceiver(failFirst: 2);
        using var http = new HttpClient();
        var sink = new WebhookAlertSink(http, new WebhookAlertSinkOptions { Url = webhook.Url, MaxAttempts = 2, FirstRetryDelay = TimeSpan.Zero });
        var rule = new FixedRule(new AlertCandidate("custom", "queue-a", AlertSeverity.Warning, "Something is off.", 1, 0));
        var service = new AlertService(h.AlertStore, [rule], [sink], h.Clock);

        var first = await service.EvaluateAsync(None);
        first.Fired.ShouldHaveSingleItem().NotifiedAt.ShouldBeNull("two attempts, both refused");
        var second = await service.EvaluateAsync(None);

        second.StillFiring.ShouldHaveSingleItem().NotifiedAt.ShouldNotBeNull("the next evaluation delivered it");
        webhook.Received.Count.ShouldBe(1);
        (await service.EvaluateAsync(None)).StillFiring.ShouldHaveSingleItem();
        webhook.Received.Count.ShouldBe(1, "delivered alerts are not sent again");
    }

    [Fact]
    public async Task ReviewQueue_MeanTimeAboveSla_ReviewSlaAlert()
    {
        await using var h = await ObservabilityHarness.StartAsync(InvoiceDataset.Generate(1).Labels);
        var now = h.Clock.GetUtcNow();
        foreach (var i in Enumerable.Range(1, 3))
        {
            await h.Reviews.CreateAsync(new ReviewItem
            {
                ItemId = $"rev_{i}",
                Queue = "finance",
                RunId = $"run_{i}",
                DecisionType = "refund",
                Level = Autonomy.AutonomyLevel.ProposalWithApproval,
                Packet = new EscalationPacket { Goal = "g", DecisionNeeded = "d" },
                ToolName = "issue_refund",
                ProposedAction = "{}",
                ActionHash = "h",
                CreatedAt = now,
                DueAt = now.AddHours(4),
            }, None);
        }

        (await h.Alerts.EvaluateAsync(None)).Fired.ShouldNotContain(a => a.Rule == AlertRules.ReviewSla);
        h.Clock.Advance(TimeSpan.FromHours(5));

        var alert = (await h.Alerts.EvaluateAsync(None)).Fired.Single(a => a.Rule == AlertRules.ReviewSla);
        alert.Subject.ShouldBe("finance");
        alert.Value.ShouldBe(5, 0.01);
        alert.Threshold.ShouldBe(4, 0.01);
    }

    [Fact]
    public void Rules_DefaultsFollowTheIssue()
    {
        var o = new AlertRuleOptions();
        o.LoopRateThreshold.ShouldBe(0.02);
        o.CostSpikeFactor.ShouldBe(2);
        o.AccuracyDriftPoints.ShouldBe(0.03);
        o.DriftWindow.ShouldBe(TimeSpan.FromHours(24));
        o.RetryRateThreshold.ShouldBe(0.15);
        o.Disabled.Add(AlertRules.CostSpike);
        AlertRules.Create(o, null, null, null).ShouldBeEmpty("no sources, no rules");
    }

    private sealed class FixedRule(AlertCandidate candidate) : IAlertRule
    {
        public string Name => candidate.Rule;

        public Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AlertCandidate>>([candidate]);
    }
}
