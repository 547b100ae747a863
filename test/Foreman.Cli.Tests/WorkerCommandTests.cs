using System.Text.Json;
using Foreman.Samples.Invoices;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Tests;

public sealed class WorkerCommandTests : IDisposable
{
    private readonly WorkflowDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Worker_InvoiceOverThreshold_WaitsForApprovalThenPostsOnce()
    {
        var large = await SubmitAsync("invoice-approval");
        var small = await SubmitAsync("invoice-approval", JsonSerializer.Serialize(new { invoice = InvoiceExtractor.Sample.ExampleInput }));
        var worker = StartWorker();

        await _db.WaitForStatusAsync(large, RunStatus.Waiting);
        var waiting = await _db.RunJsonAsync("runs", "show", large, "--json");
        waiting.GetProperty("run").GetProperty("waiting_for")[0].GetString().ShouldBe("approval");
        waiting.GetProperty("run").GetProperty("wake_at").GetString().ShouldNotBeNull();
        var journal = waiting.GetProperty("journal").EnumerateArray().ToArray();
        journal.ShouldContain(e => e.GetProperty("name").GetString()!.StartsWith("agent:invoice-extractor:model", StringComparison.Ordinal));
        journal.ShouldContain(e => e.GetProperty("name").GetString()!.StartsWith("agent:invoice-extractor:tool", StringComparison.Ordinal));
        journal[^1].GetProperty("kind").GetString().ShouldBe("wait");
        journal[^1].GetProperty("state").GetString().ShouldBe("pending");

        var (sent, _, sendError) = await _db.RunAsync("events", "send", large, "approval", "--payload", """{"approved":true,"approver":"dana"}""");
        sent.ShouldBe(0, sendError);
        await _db.WaitForStatusAsync(large, RunStatus.Completed);
        await _db.WaitForStatusAsync(small, RunStatus.Completed);
        var (code, output, _) = await StopAsync(worker);

        code.ShouldBe(0);
        output.ShouldContain($"{large}  waiting for approval until");
        output.ShouldContain($"{large}  completed");
        output.ShouldContain("Worker stopped.");

        var done = await _db.RunJsonAsync("runs", "show", large, "--json");
        var result = done.GetProperty("run").GetProperty("output");
        result.GetProperty("outcome").GetString().ShouldBe("posted");
        result.GetProperty("approvalRequired").GetBoolean().ShouldBeTrue();
        result.GetProperty("approver").GetString().ShouldBe("dana");
        result.GetProperty("total").GetDecimal().ShouldBe(12_480.00m);
        result.GetProperty("ledgerEntryId").GetString()!.ShouldStartWith("LE-");
        var steps = done.GetProperty("journal").EnumerateArray().ToArray();
        steps.Select(e => e.GetProperty("key").GetString()).ShouldBeUnique();
        steps.ShouldContain(e => e.GetProperty("name").GetString() == "post-to-ledger" && e.GetProperty("attempts").GetInt32() == 1);

        var smallResult = (await _db.RunJsonAsync("runs", "show", small, "--json")).GetProperty("run").GetProperty("output");
        smallResult.GetProperty("outcome").GetString().ShouldBe("posted");
        smallResult.GetProperty("approvalRequired").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Worker_DecisionSentWhileNoWorkerRuns_IsTakenAfterARestartWithoutCallingTheModelAgain()
    {
        var runId = await SubmitAsync("invoice-approval");
        var first = StartWorker();
        await _db.WaitForStatusAsync(runId, RunStatus.Waiting);
        await StopAsync(first);
        var before = (await _db.RunJsonAsync("runs", "show", runId, "--json")).GetProperty("journal").EnumerateArray()
            .Where(e => e.GetProperty("name").GetString()!.StartsWith("agent:", StringComparison.Ordinal))
            .Select(e => e.GetProperty("recorded_at").GetString()).ToArray();

        await _db.RunAsync("events", "send", runId, "approval", "--payload", """{"approved":false,"approver":"sam","comment":"wrong PO"}""");
        var second = StartWorker();
        var run = await _db.WaitForStatusAsync(runId, RunStatus.Completed);
        await StopAsync(second);

        run.Output!.ShouldContain("\"outcome\":\"rejected\"");
        run.Output!.ShouldContain("\"ledgerEntryId\":null");
        var after = (await _db.RunJsonAsync("runs", "show", runId, "--json")).GetProperty("journal").EnumerateArray()
            .Where(e => e.GetProperty("name").GetString()!.StartsWith("agent:", StringComparison.Ordinal))
            .Select(e => e.GetProperty("recorded_at").GetString()).ToArray();
        after.ShouldBe(before);
    }

    [Fact]
    public async Task Worker_UnknownStore_IsRejectedByTheParser()
    {
        var (code, _, error) = await _db.RunAsync("worker", "--store", "postgres");

        code.ShouldNotBe(0);
        error.ShouldContain("postgres");
    }

    private async Task<string> SubmitAsync(string workflow, string? input = null)
    {
        var run = input is null
            ? await _db.RunJsonAsync("runs", "submit", workflow, "--json")
            : await _db.RunJsonAsync("runs", "submit", workflow, "--input", input, "--json");
        return run.GetProperty("run_id").GetString()!;
    }

    private (Task<(int ExitCode, string Out, string Error)> Run, CancellationTokenSource Stop) StartWorker()
    {
        var stop = new CancellationTokenSource();
        var run = CliRunner.RunAsync(["worker", "--db", _db.Path, "--poll", "0.05", "--concurrency", "4"], workingDirectory: _db.Folder, cancellationToken: stop.Token);
        return (run, stop);
    }

    private static async Task<(int ExitCode, string Out, string Error)> StopAsync((Task<(int ExitCode, string Out, string Error)> Run, CancellationTokenSource Stop) worker)
    {
        await worker.Stop.CancelAsync();
        var result = await worker.Run.WaitAsync(TimeSpan.FromSeconds(30));
        worker.Stop.Dispose();
        return result;
    }
}
