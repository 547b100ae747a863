using System.Net;
using System.Text.Json.Nodes;
using Foreman.Server.Auth;
using Foreman.Workflows;

namespace Foreman.Server.Tests;

/// <summary>Alerts from both sources: the server's operational checks (dead letters) and the rule engine (review SLA).</summary>
public sealed class AlertTests : ServerTest
{
    private static readonly IWorkflow AlwaysFails = new DelegateWorkflow<string, string>("always-fails", async (context, input) =>
        await context.StepAsync<string>("charge-card", (_, _) => throw new NonRetryableStepException("card declined")));

    private readonly CapturingSink _sink = new();

    private protected override Task<ServerHarness> StartServerAsync() => ServerHarness.StartAsync(
        o =>
        {
            o.AlertRules.ReviewSlas["finance"] = TimeSpan.FromMilliseconds(1);
            o.AlertSinks.Add(_sink);
        },
        extraWorkflows: [AlwaysFails]);

    [Fact]
    public async Task DeadLetter_IsListed_Alerted_AndRequeued()
    {
        var runId = await Server.SubmitAsync("always-fails", "order-1");
        var dead = await Server.WaitForStatusAsync(runId, "dead_lettered");
        dead["error"].ShouldNotBeNull();
        using var client = Server.Client(Role.Operator);

        var letters = JsonNode.Parse(await client.GetStringAsync("/api/dead-letters"))!.AsArray();
        letters.Select(r => r!["run_id"]!.GetValue<string>()).ShouldBe([runId]);
        var alerts = JsonNode.Parse(await client.GetStringAsync("/api/alerts"))!.AsArray();
        alerts.ShouldContain(a => a!["id"]!.GetValue<string>() == "dead-letters" && a["severity"]!.GetValue<string>() == "warning");

        (await client.PostAsync($"/api/dead-letters/{runId}/requeue", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Re-queued, it fails again (the card is still declined) and dead-letters again, with one more claim.
        var again = await Server.WaitForStatusAsync(runId, "dead_lettered");
        again["claims"]!.GetValue<int>().ShouldBeGreaterThan(dead["claims"]!.GetValue<int>());
    }

    [Fact]
    public async Task ReviewPastItsSla_FiresTheRuleEnginesAlert()
    {
        var runId = await Server.SubmitAsync("refund-approval", ServerHarness.RefundInput());
        await Server.WaitForReviewAsync(runId);
        using var client = Server.Client(Role.Operator);
        JsonArray alerts;
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(15);
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
            alerts = JsonNode.Parse(await client.GetStringAsync("/api/alerts"))!.AsArray();
        }
        while (!alerts.Any(a => a!["source"]!.GetValue<string>() == "rule review_sla") && TimeProvider.System.GetUtcNow() < deadline);

        var alert = alerts.Single(a => a!["source"]!.GetValue<string>() == "rule review_sla")!;
        alert["title"]!.GetValue<string>().ShouldContain("finance");
        alert["detail"]!.GetValue<string>().ShouldContain("SLA");

        // New alerts also go to the configured sinks (a webhook in production), once per condition.
        _sink.Sent.ShouldContain(a => a.Rule == "review_sla" && a.Subject == "finance");
        _sink.Sent.Count(a => a.Rule == "review_sla").ShouldBe(1);
    }

    private sealed class CapturingSink : Foreman.Alerts.IAlertSink
    {
        public System.Collections.Concurrent.ConcurrentQueue<Foreman.Alerts.Alert> Sent { get; } = new();

        public string Name => "capture";

        public Task<bool> SendAsync(Foreman.Alerts.Alert alert, CancellationToken cancellationToken)
        {
            Sent.Enqueue(alert);
            return Task.FromResult(true);
        }
    }
}
