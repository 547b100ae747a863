using System.Text.Json;

namespace Foreman.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly WorkflowDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Demo_Json_RunsThePipelinesAndReportsTheFiguresAgainstGroundTruth()
    {
        var (code, output, error) = await CliRunner.RunAsync(["demo", "--count", "24", "--seed", "5", "--concurrency", "8", "--json"], workingDirectory: _db.Folder);

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("escalations").GetString()!.ShouldContain("review queue");
        root.GetProperty("simulated_amount_error").GetDouble().ShouldBe(0.042);
        var pipelines = root.GetProperty("pipelines").EnumerateArray().ToList();
        pipelines.Select(p => p.GetProperty("pipeline").GetString()).ShouldBe(["invoice-processing", "import-documents", "ticket-triage-pipeline"]);
        foreach (var pipeline in pipelines)
        {
            pipeline.GetProperty("documents").GetInt32().ShouldBe(24);
            pipeline.GetProperty("failed").GetInt32().ShouldBe(0);
            (pipeline.GetProperty("handled_without_human").GetInt32() + pipeline.GetProperty("escalated").GetInt32()).ShouldBe(24);
            pipeline.GetProperty("accuracy_percent").GetDouble().ShouldBeGreaterThan(80, "the simulated model errs rarely and consensus and validators catch most of it");
            pipeline.GetProperty("mean_cost_per_document").GetDecimal().ShouldBeGreaterThan(0m);
            pipeline.GetProperty("p50_ms").GetDouble().ShouldBeLessThanOrEqualTo(pipeline.GetProperty("p95_ms").GetDouble());
        }

        var consensus = pipelines[0].GetProperty("consensus");
        consensus.GetProperty("readings").GetInt32().ShouldBe(3 * consensus.GetProperty("documents").GetInt32());
        consensus.GetProperty("cost_ratio").GetDouble().ShouldBeInRange(2.8, 3.2);
        pipelines[2].GetProperty("consensus").ValueKind.ShouldBe(JsonValueKind.Null);

        // Urgent tickets always go to a person, so the triage pipeline escalates some of 24 tickets.
        pipelines[2].GetProperty("escalated").GetInt32().ShouldBeGreaterThan(0);
        Directory.GetFiles(_db.Folder).ShouldBeEmpty("the demo's temporary database is deleted");
    }

    [Fact]
    public async Task Demo_GivenDatabase_LeavesEscalationsPendingInTheReviewQueue()
    {
        var (code, _, error) = await CliRunner.RunAsync(["demo", "--count", "30", "--pipeline", "ticket-triage-pipeline", "--db", "demo.db", "--json"], workingDirectory: _db.Folder);
        code.ShouldBe(0, error);

        var (listCode, list, listError) = await CliRunner.RunAsync(["review", "list", "--db", "demo.db", "--queue", "support-urgent"], workingDirectory: _db.Folder);
        listCode.ShouldBe(0, listError);
        list.ShouldContain("support-urgent");

        // A rerun on the same file finds its finished runs by their idempotency keys instead of waiting for them.
        var (again, output, againError) = await CliRunner.RunAsync(["demo", "--count", "30", "--pipeline", "ticket-triage-pipeline", "--db", "demo.db", "--json"], workingDirectory: _db.Folder);
        again.ShouldBe(0, againError);
        JsonDocument.Parse(output).RootElement.GetProperty("pipelines")[0].GetProperty("documents").GetInt32().ShouldBe(30);
    }

    [Fact]
    public async Task Demo_ModelLatency_ShowsInTheProcessingTime_AndLeavesTheResultsAlone()
    {
        var args = new[] { "demo", "-p", "invoice-processing", "-n", "6", "--seed", "3", "--json" };
        var (fastCode, fast, fastError) = await CliRunner.RunAsync(args, workingDirectory: _db.Folder);
        var (slowCode, slow, slowError) = await CliRunner.RunAsync([.. args, "--model-latency", "60"], workingDirectory: _db.Folder);

        fastCode.ShouldBe(0, fastError);
        slowCode.ShouldBe(0, slowError);
        var quick = JsonDocument.Parse(fast).RootElement.GetProperty("pipelines")[0];
        var delayed = JsonDocument.Parse(slow).RootElement.GetProperty("pipelines")[0];

        // Classification, then the header and the three readers in parallel: two model calls in sequence.
        delayed.GetProperty("p50_ms").GetDouble().ShouldBeGreaterThanOrEqualTo(2 * 60);
        delayed.GetProperty("correct").GetInt32().ShouldBe(quick.GetProperty("correct").GetInt32(), "the same seed makes the same mistakes at any speed");
        delayed.GetProperty("consensus").GetProperty("per_instance_error_rate").GetDouble().ShouldBe(quick.GetProperty("consensus").GetProperty("per_instance_error_rate").GetDouble());
    }

    [Fact]
    public async Task Demo_TwoThousandInvoices_ReproducesThePublishedConsensusEffect()
    {
        // The evidence of docs/benchmarks.md#consensus, on every test run: 4.2% per reader, at most 0.7% by majority.
        var (code, output, error) = await CliRunner.RunAsync(["demo", "-p", "invoice-processing", "-n", "2000", "--seed", "42", "--json"], workingDirectory: _db.Folder);

        code.ShouldBe(0, error);
        var consensus = JsonDocument.Parse(output).RootElement.GetProperty("pipelines")[0].GetProperty("consensus");
        consensus.GetProperty("documents").GetInt32().ShouldBeGreaterThan(1_700);
        consensus.GetProperty("per_instance_error_rate").GetDouble().ShouldBeInRange(0.035, 0.05);
        consensus.GetProperty("majority_error_rate").GetDouble().ShouldBeLessThanOrEqualTo(0.007);
        consensus.GetProperty("cost_ratio").GetDouble().ShouldBe(3.0, 0.05);
    }

    [Fact]
    public async Task Demo_UnknownPipeline_IsAUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync(["demo", "--pipeline", "nope", "--json"], workingDirectory: _db.Folder);

        code.ShouldBe(64);
        error.ShouldContain("no sample pipeline named 'nope'");
    }

    [Fact]
    public async Task Demo_Tables_PrintEveryPipelineAndTheConsensusLine()
    {
        var (code, output, error) = await CliRunner.RunAsync(["demo", "--count", "12", "--json=false"], workingDirectory: _db.Folder);

        code.ShouldBe(0, error);
        output.ShouldContain("Invoice processing");
        output.ShouldContain("Import documents");
        output.ShouldContain("Ticket triage");
        output.ShouldContain("majority of three wrong");
        output.ShouldContain("left pending");
    }
}
