using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foreman.Server.Auth;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Tests;

/// <summary>Submitting runs: Idempotency-Key, results, events, traces with model and tool calls.</summary>
public sealed class SubmitTests : ServerTest
{
    [Fact]
    public async Task Submit_SameIdempotencyKeyTwice_ReturnsTheSameRun_AndCreatesOne()
    {
        using var client = Server.Client(Role.Submitter);
        var first = await PostAsync(client, new { workflow = "bench-steps", input = new { steps = 2 } }, "order-42");
        var second = await PostAsync(client, new { workflow = "bench-steps", input = new { steps = 2 } }, "order-42");
        first.Status.ShouldBe(HttpStatusCode.Created);
        second.Status.ShouldBe(HttpStatusCode.OK);
        first.Body["created"]!.GetValue<bool>().ShouldBeTrue();
        second.Body["created"]!.GetValue<bool>().ShouldBeFalse();
        second.Body["run"]!["run_id"]!.GetValue<string>().ShouldBe(first.Body["run"]!["run_id"]!.GetValue<string>());
        (await Server.Store.ListRunsAsync(new RunQuery(), CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Submit_SameKeyDifferentRequest_Is422_AndCreatesNothingNew()
    {
        using var client = Server.Client(Role.Submitter);
        (await PostAsync(client, new { workflow = "bench-steps", input = new { steps = 2 } }, "k-1")).Status.ShouldBe(HttpStatusCode.Created);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { workflow = "bench-steps", input = new { steps = 3 } }) };
        request.Headers.Add("Idempotency-Key", "k-1");
        await (await client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await Server.Store.ListRunsAsync(new RunQuery(), CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvoiceRun_WaitsForApprovalEvent_ThenCompletes_WithCostAndTrace()
    {
        var runId = await Server.SubmitAsync("invoice-approval", new { invoice = Foreman.Samples.Workflows.InvoiceApprovalWorkflow.LargeInvoiceExample });
        var waiting = await Server.WaitForStatusAsync(runId, "waiting");
        waiting["waiting_for"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldContain("approval");
        waiting["cost"]!["cost"]!.GetValue<decimal>().ShouldBeGreaterThan(0);

        using var client = Server.Client(Role.Submitter);
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{runId}/events/approval") { Content = JsonContent.Create(new { approved = true, approver = "dana" }) })
        {
            request.Headers.Add("Idempotency-Key", "webhook-1");
            (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using (var again = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{runId}/events/approval") { Content = JsonContent.Create(new { approved = true, approver = "dana" }) })
        {
            again.Headers.Add("Idempotency-Key", "webhook-1");
            var response = await client.SendAsync(again);
            var status = response.StatusCode;

            // The first delivery may already have been consumed (run finished) or still be in the inbox (duplicate).
            status.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
        }

        var done = await Server.WaitForStatusAsync(runId, "completed");
        done["output"]!["outcome"]!.GetValue<string>().ShouldBe("posted");
        done["output"]!["approver"]!.GetValue<string>().ShouldBe("dana");

        var trace = JsonNode.Parse(await client.GetStringAsync($"/api/runs/{runId}/trace"))!;
        var agent = Descendants(trace).Single(n => n["kind"]!.GetValue<string>() == "agent");
        agent["name"]!.GetValue<string>().ShouldBe("invoice-extractor");
        agent["confidence"]!.GetValue<double>().ShouldBeGreaterThan(0.5);
        var calls = agent["children"]!.AsArray();
        calls.Count(n => n!["kind"]!.GetValue<string>() == "model_call").ShouldBeGreaterThanOrEqualTo(3);
        calls.Where(n => n!["kind"]!.GetValue<string>() == "model_call").ShouldAllBe(n => n!["input_tokens"]!.GetValue<long>() > 0 && n["cost"]!.GetValue<decimal>() > 0);
        calls.Where(n => n!["kind"]!.GetValue<string>() == "tool_call").Select(n => n!["name"]!.GetValue<string>()).ShouldBe(["lookup_vendor", "get_purchase_order"]);
        calls.Where(n => n!["kind"]!.GetValue<string>() == "tool_call").ShouldAllBe(n => n!["validation"]!.GetValue<string>() == "valid");
        trace["cost"]!.GetValue<decimal>().ShouldBe(done["cost"]!["cost"]!.GetValue<decimal>());
        // Two executions (before and after the wait); the wait (recorded when the event completed it) and the posting in the second.
        var executions = trace["children"]!.AsArray().Select(n => n!).Where(n => n["kind"]!.GetValue<string>() == "execution").ToList();
        executions.Count.ShouldBe(2);
        Descendants(executions[0]).ShouldContain(n => n["kind"]!.GetValue<string>() == "agent");
        Descendants(trace).ShouldContain(n => n["kind"]!.GetValue<string>() == "wait" && n["name"]!.GetValue<string>() == "approval");
        Descendants(executions[1]).ShouldContain(n => n["name"]!.GetValue<string>() == "post-to-ledger");
    }

    [Fact]
    public async Task RefundRun_ApprovedThroughTheApi_Completes_AndTheTraceShowsTheReview()
    {
        var runId = await Server.SubmitAsync("refund-approval", ServerHarness.RefundInput());
        var itemId = await Server.WaitForReviewAsync(runId);
        using var reviewer = Server.Client(Role.Reviewer);
        var list = JsonNode.Parse(await reviewer.GetStringAsync("/api/reviews"))!.AsArray();
        var item = list.Single(i => i!["item_id"]!.GetValue<string>() == itemId)!;
        item["packet"]!["decision_needed"]!.GetValue<string>().ShouldContain("649.00");
        item["priority"]!.GetValue<double>().ShouldBeGreaterThan(0);

        var modified = await reviewer.PostAsJsonAsync($"/api/reviews/{itemId}/modify", new { action = new { order_id = "B-3107", amount = 300, reason = "Partial refund" }, reason = "only the pump leaks" });
        modified.StatusCode.ShouldBe(HttpStatusCode.OK, await modified.Content.ReadAsStringAsync());
        var done = await Server.WaitForStatusAsync(runId, "completed");
        done["output"]!["outcome"]!.GetValue<string>().ShouldBe("refunded");
        done["output"]!["amount"]!.GetValue<decimal>().ShouldBe(300m);
        done["output"]!["decidedBy"]!.GetValue<string>().ShouldBe("test-reviewer");

        var trace = JsonNode.Parse(await reviewer.GetStringAsync($"/api/runs/{runId}/trace"))!;
        var review = Descendants(trace).Single(n => n["kind"]!.GetValue<string>() == "review");
        review["status"]!.GetValue<string>().ShouldBe("modified");
        review["confidence"]!.GetValue<double>().ShouldBe(0.9);
    }

    [Fact]
    public async Task TraceQuery_FindsRunsByWhatTheirTracesShow_AndExplainsABadQuery()
    {
        var runId = await Server.SubmitAsync("invoice-approval", new { invoice = Foreman.Samples.Invoices.InvoiceExtractor.Sample.ExampleInput });
        await Server.WaitForStatusAsync(runId, "completed");
        using var client = Server.Client(Role.Submitter);
        JsonArray found = [];
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (found.Count == 0 && TimeProvider.System.GetUtcNow() < deadline)
        {
            // The recorder writes spans in the background: poll briefly.
            found = JsonNode.Parse(await client.GetStringAsync("/api/traces?q=" + Uri.EscapeDataString("agent = invoice-extractor and confidence < 0.95")))!.AsArray();
        }

        found.Select(r => r!["run_id"]!.GetValue<string>()).ShouldContain(runId);
        JsonNode.Parse(await client.GetStringAsync("/api/traces?q=" + Uri.EscapeDataString("agent = nobody")))!.AsArray().ShouldBeEmpty();
        await (await client.GetAsync("/api/traces?q=" + Uri.EscapeDataString("retries >"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RunsList_Filters_ByStatusAndWorkflow_AndPages()
    {
        for (var i = 0; i < 3; i++)
        {
            await Server.SubmitAsync("bench-steps", new { steps = 1 });
        }

        var waitingRun = await Server.SubmitAsync("refund-approval", ServerHarness.RefundInput());
        await Server.WaitForReviewAsync(waitingRun);
        using var client = Server.Client(Role.Submitter);
        var waiting = JsonNode.Parse(await client.GetStringAsync("/api/runs?status=waiting"))!["runs"]!.AsArray();
        waiting.Select(r => r!["run_id"]!.GetValue<string>()).ShouldBe([waitingRun]);
        var bench = JsonNode.Parse(await client.GetStringAsync("/api/runs?workflow=bench-steps&limit=2"))!;
        bench["runs"]!.AsArray().Count.ShouldBe(2);
        var next = bench["next_before"]!.GetValue<string>();
        JsonNode.Parse(await client.GetStringAsync($"/api/runs?workflow=bench-steps&limit=2&before={next}"))!["runs"]!.AsArray().Count.ShouldBe(1);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) =>
        node["children"]!.AsArray().Select(c => c!).SelectMany(c => (IEnumerable<JsonNode>)[c, .. Descendants(c)]);

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
