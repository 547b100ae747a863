namespace Foreman.Cli.Tests;

public sealed class EventCommandTests : IDisposable
{
    private readonly WorkflowDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task EventsSend_WithDedupeKeyTwice_DeliversOnce()
    {
        var runId = (await _db.RunJsonAsync("runs", "submit", "bench-approval", "--json")).GetProperty("run_id").GetString()!;

        var (first, firstOut, _) = await _db.RunAsync("events", "send", runId, "approval", "--payload", """{"approved":true}""", "--dedupe", "mail-42");
        var (second, secondOut, _) = await _db.RunAsync("events", "send", runId, "approval", "--payload", """{"approved":true}""", "--dedupe", "mail-42");

        first.ShouldBe(0);
        firstOut.ShouldContain("Delivered 'approval'");
        second.ShouldBe(0);
        secondOut.ShouldContain("delivered to");
        secondOut.ShouldContain("before; nothing changed");
        (await _db.RunJsonAsync("runs", "show", runId, "--json")).GetProperty("inbox").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task EventsSend_PayloadFromFile_IsDelivered()
    {
        var runId = (await _db.RunJsonAsync("runs", "submit", "bench-approval", "--json")).GetProperty("run_id").GetString()!;
        await File.WriteAllTextAsync(Path.Combine(_db.Folder, "decision.json"), """{"approved":false,"approver":"sam"}""");

        var (code, _, error) = await _db.RunAsync("events", "send", runId, "approval", "--payload-file", "decision.json");

        code.ShouldBe(0, error);
        var inbox = (await _db.RunJsonAsync("runs", "show", runId, "--json")).GetProperty("inbox");
        inbox[0].GetProperty("payload").GetProperty("approver").GetString().ShouldBe("sam");
    }

    [Fact]
    public async Task EventsSend_InvalidPayload_IsAUsageError()
    {
        var runId = (await _db.RunJsonAsync("runs", "submit", "bench-approval", "--json")).GetProperty("run_id").GetString()!;

        var (code, _, error) = await _db.RunAsync("events", "send", runId, "approval", "--payload", "{approved");

        code.ShouldBe(64);
        error.ShouldContain("--payload");
    }

    [Fact]
    public async Task EventsSend_UnknownOrFinishedRun_Fails()
    {
        var runId = (await _db.RunJsonAsync("runs", "submit", "bench-approval", "--json")).GetProperty("run_id").GetString()!;
        await _db.RunAsync("runs", "cancel", runId);

        var (unknown, _, unknownError) = await _db.RunAsync("events", "send", "run_nope", "approval");
        var (finished, _, finishedError) = await _db.RunAsync("events", "send", runId, "approval");

        unknown.ShouldBe(1);
        unknownError.ShouldContain("no run");
        finished.ShouldBe(1);
        finishedError.ShouldContain("has finished");
    }
}
