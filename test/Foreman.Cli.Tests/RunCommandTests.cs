namespace Foreman.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly WorkflowDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task RunsList_NoDatabase_IsAUsageErrorAndCreatesNothing()
    {
        var (code, _, error) = await _db.RunAsync("runs", "list");

        code.ShouldBe(64);
        error.ShouldContain("no workflow database");
        File.Exists(_db.Path).ShouldBeFalse();
    }

    [Fact]
    public async Task RunsSubmit_ThenList_ShowsThePendingRun()
    {
        var (code, output, _) = await _db.RunAsync("runs", "submit", "bench-steps", "--input", """{"steps":3}""");
        code.ShouldBe(0);
        output.ShouldContain("Submitted run_");

        var (listCode, list, _) = await _db.RunAsync("runs", "list");
        listCode.ShouldBe(0);
        list.ShouldContain("bench-steps");
        list.ShouldContain("pending");
        list.ShouldContain("1 run(s).");
    }

    [Fact]
    public async Task RunsList_JsonWithFilters_ReturnsOnlyMatchingRunsNewestFirst()
    {
        await _db.RunAsync("runs", "submit", "bench-steps");
        await _db.RunAsync("runs", "submit", "bench-approval");
        var second = await _db.RunJsonAsync("runs", "submit", "bench-steps", "--json");

        var all = await _db.RunJsonAsync("runs", "list", "--json");
        all.GetArrayLength().ShouldBe(3);
        all[0].GetProperty("run_id").GetString().ShouldBe(second.GetProperty("run_id").GetString());

        var steps = await _db.RunJsonAsync("runs", "list", "--workflow", "bench-steps", "--status", "pending", "--json");
        steps.GetArrayLength().ShouldBe(2);
        steps[0].GetProperty("input").GetProperty("steps").GetInt32().ShouldBe(10);

        var limited = await _db.RunJsonAsync("runs", "list", "--limit", "1", "--json");
        limited.GetArrayLength().ShouldBe(1);

        var none = await _db.RunJsonAsync("runs", "list", "--status", "completed", "--json");
        none.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task RunsList_DatabaseOptionBeforeSubcommand_IsAccepted()
    {
        await _db.RunAsync("runs", "submit", "bench-steps");

        var (code, output, error) = await CliRunner.RunAsync(["runs", "--db", _db.Path, "list", "--json"], workingDirectory: _db.Folder);

        code.ShouldBe(0, error);
        output.ShouldContain("bench-steps");
    }

    [Fact]
    public async Task RunsList_DefaultDatabase_IsForemanDbInTheWorkingFolder()
    {
        await _db.RunAsync("runs", "submit", "bench-steps");

        var (code, output, error) = await CliRunner.RunAsync(["runs", "list"], workingDirectory: _db.Folder);

        code.ShouldBe(0, error);
        output.ShouldContain("bench-steps");
    }

    [Theory]
    [InlineData("dead-lettered")]
    [InlineData("dead_lettered")]
    [InlineData("DeadLettered")]
    public async Task RunsList_StatusSpellings_AreAccepted(string status)
    {
        await _db.RunAsync("runs", "submit", "bench-steps");

        var (code, output, _) = await _db.RunAsync("runs", "list", "--status", status);

        code.ShouldBe(0);
        output.ShouldContain("No runs.");
    }

    [Fact]
    public async Task RunsList_UnknownStatus_IsAUsageErrorListingTheStatuses()
    {
        await _db.RunAsync("runs", "submit", "bench-steps");

        var (code, _, error) = await _db.RunAsync("runs", "list", "--status", "sleeping");

        code.ShouldBe(64);
        error.ShouldContain("dead-lettered");
    }

    [Fact]
    public async Task RunsSubmit_SameKeyTwice_ReturnsTheFirstRun()
    {
        var first = await _db.RunJsonAsync("runs", "submit", "bench-steps", "--key", "order-7", "--json");
        var (code, output, _) = await _db.RunAsync("runs", "submit", "bench-steps", "--key", "order-7");

        code.ShouldBe(0);
        output.ShouldContain($"exists already: {first.GetProperty("run_id").GetString()}");
        (await _db.RunJsonAsync("runs", "list", "--json")).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task RunsSubmit_UnknownWorkflowOrBadJson_IsAUsageError()
    {
        var (unknown, _, unknownError) = await _db.RunAsync("runs", "submit", "nope");
        unknown.ShouldBe(64);
        unknownError.ShouldContain("invoice-approval");

        var (badJson, _, badJsonError) = await _db.RunAsync("runs", "submit", "bench-steps", "--input", "{steps:");
        badJson.ShouldBe(64);
        badJsonError.ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task RunsShow_Json_HasTheRunItsJournalAndItsInbox()
    {
        var run = await _db.RunJsonAsync("runs", "submit", "bench-approval", "--json");
        var runId = run.GetProperty("run_id").GetString()!;
        await _db.RunAsync("events", "send", runId, "approval", "--payload", """{"approved":true}""");

        var shown = await _db.RunJsonAsync("runs", "show", runId, "--json");

        shown.GetProperty("run").GetProperty("status").GetString().ShouldBe("pending");
        shown.GetProperty("journal").GetArrayLength().ShouldBe(0);
        var inbox = shown.GetProperty("inbox");
        inbox.GetArrayLength().ShouldBe(1);
        inbox[0].GetProperty("name").GetString().ShouldBe("approval");
        inbox[0].GetProperty("payload").GetProperty("approved").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task RunsShow_UnknownRun_Fails()
    {
        await _db.RunAsync("runs", "submit", "bench-steps");

        var (code, _, error) = await _db.RunAsync("runs", "show", "run_nope");

        code.ShouldBe(1);
        error.ShouldContain("no run 'run_nope'");
    }

    [Fact]
    public async Task RunsCancel_PendingRun_IsCancelledOnceWithTheReason()
    {
        var runId = (await _db.RunJsonAsync("runs", "submit", "bench-steps", "--json")).GetProperty("run_id").GetString()!;

        var (code, output, _) = await _db.RunAsync("runs", "cancel", runId, "--reason", "duplicate order");
        code.ShouldBe(0);
        output.ShouldContain($"Cancelled {runId}");

        var shown = await _db.RunJsonAsync("runs", "show", runId, "--json");
        shown.GetProperty("run").GetProperty("status").GetString().ShouldBe("cancelled");
        shown.GetProperty("run").GetRawText().ShouldContain("duplicate order");

        var (again, _, error) = await _db.RunAsync("runs", "cancel", runId);
        again.ShouldBe(1);
        error.ShouldContain("already finished (cancelled)");
    }
}
