namespace Foreman.Cli.Tests;

public sealed class DlqCommandTests : IDisposable
{
    private readonly WorkflowDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task DlqList_DeadLetteredRun_IsListedWithItsFailedStep()
    {
        var runId = await _db.CreateDeadLetteredRunAsync();
        await _db.RunAsync("runs", "submit", "bench-steps");

        var (code, output, _) = await _db.RunAsync("dlq", "list");

        code.ShouldBe(0);
        output.ShouldContain(runId);
        output.ShouldContain("dead-lettered");
        output.ShouldContain("step charge-card: card declined");
        output.ShouldNotContain("bench-steps");

        var json = await _db.RunJsonAsync("dlq", "list", "--json");
        json.GetArrayLength().ShouldBe(1);
        json[0].GetProperty("error").GetProperty("step").GetString().ShouldBe("charge-card");
    }

    [Fact]
    public async Task DlqShow_DeadLetteredRun_ShowsTheErrorJournalAndHowToRequeue()
    {
        var runId = await _db.CreateDeadLetteredRunAsync();

        var (code, output, _) = await _db.RunAsync("dlq", "show", runId);

        code.ShouldBe(0);
        output.ShouldContain("card declined");
        output.ShouldContain("charge-card");
        output.ShouldContain("failed");
        output.ShouldContain($"foreman dlq requeue {runId}");
    }

    [Fact]
    public async Task DlqShow_RunNotDeadLettered_FailsAndPointsToRunsShow()
    {
        var runId = (await _db.RunJsonAsync("runs", "submit", "bench-steps", "--json")).GetProperty("run_id").GetString()!;

        var (code, _, error) = await _db.RunAsync("dlq", "show", runId);

        code.ShouldBe(1);
        error.ShouldContain("is pending, not dead-lettered");
    }

    [Fact]
    public async Task DlqRequeue_DeadLetteredRun_BecomesPendingWithoutItsFailedEntry()
    {
        var runId = await _db.CreateDeadLetteredRunAsync();

        var (code, output, _) = await _db.RunAsync("dlq", "requeue", runId);

        code.ShouldBe(0);
        output.ShouldContain($"Re-queued {runId}");
        var shown = await _db.RunJsonAsync("runs", "show", runId, "--json");
        shown.GetProperty("run").GetProperty("status").GetString().ShouldBe("pending");
        shown.GetProperty("journal").EnumerateArray().ShouldNotContain(e => e.GetProperty("state").GetString() == "failed");

        var (again, _, error) = await _db.RunAsync("dlq", "requeue", runId);
        again.ShouldBe(1);
        error.ShouldContain("only dead-lettered and suspended runs");
    }

    [Fact]
    public async Task DlqRequeue_UnknownRun_Fails()
    {
        await _db.RunAsync("runs", "submit", "bench-steps");

        var (code, _, error) = await _db.RunAsync("dlq", "requeue", "run_nope");

        code.ShouldBe(1);
        error.ShouldContain("no run");
    }
}
