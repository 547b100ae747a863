using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foreman.Server.Auth;
using Foreman.Workflows.Storage;

namespace Foreman.Server.Tests;

/// <summary>Without a trace store, a run's trace is rebuilt from its journal; concurrent duplicate submissions create one run.</summary>
public sealed class JournalTraceTests : ServerTest
{
    private protected override Task<ServerHarness> StartServerAsync() => ServerHarness.StartAsync(o =>
    {
        o.TraceStore = null;
        o.AlertStore = null;
    });

    [Fact]
    public async Task Trace_WithoutATraceStore_ShowsAgentsModelAndToolCallsFromTheJournal()
    {
        var runId = await Server.SubmitAsync("invoice-approval", new { invoice = Foreman.Samples.Invoices.InvoiceExtractor.Sample.ExampleInput });
        var done = await Server.WaitForStatusAsync(runId, "completed");
        using var client = Server.Client(Role.Submitter);
        var trace = JsonNode.Parse(await client.GetStringAsync($"/api/runs/{runId}/trace"))!;
        var children = trace["children"]!.AsArray().Select(n => n!).ToList();
        children.Select(n => n["kind"]!.GetValue<string>()).ShouldBe(["agent", "step"]);
        var agent = children[0];
        agent["confidence"]!.GetValue<double>().ShouldBe(0.93);
        agent["children"]!.AsArray().Select(n => n!["kind"]!.GetValue<string>()).ShouldBe(["model_call", "tool_call", "model_call", "tool_call", "model_call"]);
        agent["cost"]!.GetValue<decimal>().ShouldBe(done["cost"]!["cost"]!.GetValue<decimal>());
        trace["input_tokens"]!.GetValue<long>().ShouldBe(done["cost"]!["input_tokens"]!.GetValue<long>());
        children[1]["name"]!.GetValue<string>().ShouldBe("post-to-ledger");

        using var operatorClient = Server.Client(Role.Operator);
        await (await operatorClient.GetAsync("/api/costs")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConcurrentSubmissions_WithTheSameKey_CreateOneRun()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = Server.Client(Role.Submitter);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { workflow = "bench-steps", input = new { steps = 1 } }) };
            request.Headers.Add("Idempotency-Key", "same-for-all");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, RunId: JsonNode.Parse(await response.Content.ReadAsStringAsync())!["run"]!["run_id"]!.GetValue<string>());
        }));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(7);
        responses.Select(r => r.RunId).Distinct().Count().ShouldBe(1);
        (await Server.Store.ListRunsAsync(new RunQuery(), CancellationToken.None)).Count.ShouldBe(1);
    }
}
