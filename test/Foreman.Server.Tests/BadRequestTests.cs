using System.Net;
using System.Net.Http.Json;
using System.Text;
using Foreman.Reviews;
using Foreman.Server.Auth;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Tests;

/// <summary>Malformed, oversized and mistaken requests get a clear 4xx problem, never a 500, and change nothing.</summary>
public sealed class BadRequestTests : ServerTest
{
    private protected override Task<ServerHarness> StartServerAsync() => ServerHarness.StartAsync(o => o.MaxRequestBodyBytes = 64 * 1024);

    [Theory]
    [InlineData("{\"workflow\": \"bench-steps\", ")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("{\"workflow\": 42}")]
    public async Task Submit_MalformedJson_Is400_AndCreatesNothing(string body)
    {
        using var client = Server.Client(Role.Admin);
        using var response = await client.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await RunCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Submit_OversizedBody_Is413_AndCreatesNothing()
    {
        using var client = Server.Client(Role.Admin);
        var huge = $"{{\"workflow\":\"bench-steps\",\"input\":{{\"steps\":1,\"padding\":\"{new string('x', 200_000)}\"}}}}";
        using var response = await client.PostAsync("/api/runs", new StringContent(huge, Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await RunCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Submit_WrongContentType_Is415()
    {
        using var client = Server.Client(Role.Admin);
        using var response = await client.PostAsync("/api/runs", new StringContent("workflow=bench-steps", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Submit_UnknownWorkflow_Or_InputThatDoesNotFit_Is400_AndCreatesNothing()
    {
        using var client = Server.Client(Role.Submitter);
        using (var unknown = await client.PostAsJsonAsync("/api/runs", new { workflow = "no-such-workflow", input = new { } }))
        {
            (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldContain("bench-steps");
        }

        using (var misspelt = await client.PostAsJsonAsync("/api/runs", new { workflow = "refund-approval", input = new { order_id = "B-3107", customer_message = "x" } }))
        {
            await misspelt.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var wrongType = await client.PostAsJsonAsync("/api/runs", new { workflow = "bench-steps", input = new { steps = "many" } }))
        {
            await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        (await RunCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task UnknownIds_Are404_OnEveryRouteThatTakesOne()
    {
        using var client = Server.Client(Role.Admin);
        var json = new StringContent("{}", Encoding.UTF8, "application/json");
        await (await client.GetAsync("/api/runs/run_nope")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/runs/run_nope/trace")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/runs/run_nope/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/runs/run_nope/events/approval", json)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/reviews/rev_nope")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/reviews/rev_nope/approve", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/dead-letters/run_nope/requeue", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/keys/key_nope/revoke", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/no-such-route")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadFilters_Are400()
    {
        using var client = Server.Client(Role.Admin);
        await (await client.GetAsync("/api/runs?status=exploded")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/runs?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/runs?limit=abc")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/reviews?status=maybe")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Decisions_InvalidOrLate_AreRefused_AndTheItemStaysAsItWas()
    {
        var runId = await Server.SubmitAsync("refund-approval", ServerHarness.RefundInput());
        var itemId = await Server.WaitForReviewAsync(runId);
        using var client = Server.Client(Role.Reviewer);

        // A rejection needs a reason; a modification must satisfy the action's schema (amount at most 5,000).
        await (await client.PostAsJsonAsync($"/api/reviews/{itemId}/reject", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync($"/api/reviews/{itemId}/modify", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var invalid = await (await client.PostAsJsonAsync($"/api/reviews/{itemId}/modify", new { action = new { order_id = "B-3107", amount = 90_000, reason = "too much" } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        invalid["errors"]!.AsArray().Count.ShouldBeGreaterThan(0);
        (await Server.Reviews.GetAsync(itemId, CancellationToken.None))!.Status.ShouldBe(ReviewStatus.Pending);

        // The first decision wins; a second one is a conflict that names the winner and changes nothing.
        (await client.PostAsJsonAsync($"/api/reviews/{itemId}/approve", new { reason = "fine" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var conflict = await (await client.PostAsJsonAsync($"/api/reviews/{itemId}/reject", new { reason = "changed my mind" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        conflict["detail"]!.GetValue<string>().ShouldContain("approved");
        (await Server.Reviews.GetAsync(itemId, CancellationToken.None))!.Status.ShouldBe(ReviewStatus.Approved);
        await Server.WaitForStatusAsync(runId, "completed");
    }

    [Fact]
    public async Task Events_ReservedNames_Are403_FinishedRuns_Are409()
    {
        var runId = await Server.SubmitAsync("refund-approval", ServerHarness.RefundInput());
        var itemId = await Server.WaitForReviewAsync(runId);
        using var client = Server.Client(Role.Admin);

        // Delivering review:{item} directly would forge a reviewer's decision.
        var forged = new StringContent("""{"status":"approved"}""", Encoding.UTF8, "application/json");
        await (await client.PostAsync($"/api/runs/{runId}/events/review:{itemId}", forged)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await Server.Store.GetInboxAsync(runId, CancellationToken.None)).ShouldBeEmpty();

        (await client.PostAsync($"/api/runs/{runId}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/runs/{runId}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsync($"/api/runs/{runId}/events/approval", new StringContent("{}", Encoding.UTF8, "application/json"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsync($"/api/dead-letters/{runId}/requeue", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Keys_InvalidRoleOrName_Are400_AndCreateNothing()
    {
        using var client = Server.Client(Role.Admin);
        var before = (await Server.Keys.ListAsync(CancellationToken.None)).Count;
        await (await client.PostAsJsonAsync("/api/keys", new { name = "x", role = "superuser" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync("/api/keys", new { name = "", role = "admin" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await Server.Keys.ListAsync(CancellationToken.None)).Count.ShouldBe(before);
    }

    private async Task<int> RunCountAsync() => (await Server.Store.ListRunsAsync(new RunQuery { Limit = 1000 }, CancellationToken.None)).Count;
}
