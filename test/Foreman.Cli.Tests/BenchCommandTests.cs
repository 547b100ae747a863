using System.Text.Json;

namespace Foreman.Cli.Tests;

public sealed class BenchCommandTests : IDisposable
{
    private readonly WorkflowDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task BenchDurable_Json_PrintsOneLineWithTheFigures()
    {
        var (code, output, error) = await CliRunner.RunAsync(["bench", "durable", "--workflows", "20", "--steps", "3", "--concurrency", "4", "--json"], workingDirectory: _db.Folder);

        code.ShouldBe(0, error);
        output.Trim().Split('\n').Length.ShouldBe(1);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("store").GetString().ShouldBe("sqlite");
        root.GetProperty("synchronous").GetString().ShouldBe("full");
        root.GetProperty("workflows").GetInt32().ShouldBe(20);
        root.GetProperty("steps").GetInt32().ShouldBe(3);
        root.GetProperty("concurrency").GetInt32().ShouldBe(4);
        root.GetProperty("total_steps").GetInt32().ShouldBe(60);
        root.GetProperty("wall_s").GetDouble().ShouldBeGreaterThan(0);
        root.GetProperty("steps_per_s").GetDouble().ShouldBeGreaterThan(0);
        root.GetProperty("p50_ms").GetDouble().ShouldBeLessThanOrEqualTo(root.GetProperty("p99_ms").GetDouble());
        root.GetProperty("rss_mb").GetDouble().ShouldBeGreaterThan(0);
        root.GetProperty("rss_kind").GetString().ShouldBe("peak_working_set");
        root.GetProperty("wrong_outputs").GetInt32().ShouldBe(0);
        root.GetProperty("fresh_db").GetBoolean().ShouldBeTrue();

        // Three step commits and one completion commit per workflow.
        root.GetProperty("store_calls").GetProperty("commit").GetProperty("count").GetInt32().ShouldBe(80);
        Directory.GetFiles(_db.Folder).ShouldBeEmpty();
    }

    [Fact]
    public async Task BenchDurable_GivenDatabaseNormalSync_KeepsTheCompletedRuns()
    {
        var (code, _, error) = await CliRunner.RunAsync(["bench", "durable", "--db", _db.Path, "--workflows", "5", "--steps", "2", "--synchronous", "normal"], workingDirectory: _db.Folder);

        code.ShouldBe(0, error);
        var completed = await _db.RunJsonAsync("runs", "list", "--status", "completed", "--json");
        completed.GetArrayLength().ShouldBe(5);
        completed[0].GetProperty("output").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task BenchWaiting_Json_ParksEveryRunAndReportsMemory()
    {
        var (code, output, error) = await CliRunner.RunAsync(["bench", "waiting", "--db", _db.Path, "--runs", "60", "--concurrency", "8", "--json"], workingDirectory: _db.Folder);

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("runs").GetInt32().ShouldBe(60);
        root.GetProperty("waiting").GetInt32().ShouldBe(60);
        root.GetProperty("heap_mb").GetDouble().ShouldBeGreaterThan(0);
        root.GetProperty("rss_mb").GetDouble().ShouldBeGreaterThan(0);
        root.GetProperty("worker_running_runs").GetInt32().ShouldBe(0);
        var waiting = await _db.RunJsonAsync("runs", "list", "--status", "waiting", "--limit", "100", "--json");
        waiting.GetArrayLength().ShouldBe(60);
        waiting.EnumerateArray().ShouldAllBe(r => r.GetProperty("waiting_for")[0].GetString() == "approval");
    }

    [Fact]
    public async Task BenchDurable_OneAtATime_NeverWaitsForThePollInterval()
    {
        // Regression: the worker counted free slots from its run tasks, but a run signals its end just before its task
        // completes; a wake-up handled in that gap was lost and the next run waited a whole poll interval (seen as
        // 1-second outliers at the default interval). With a 30-second interval such a stall cannot hide.
        var (code, output, error) = await CliRunner.RunAsync(
            ["bench", "durable", "--workflows", "300", "--steps", "1", "--concurrency", "1", "--poll", "30", "--json"], workingDirectory: _db.Folder);

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("max_ms").GetDouble().ShouldBeLessThan(10_000);
    }

    [Fact]
    public async Task BenchDurable_BadArguments_AreUsageErrors()
    {
        var (code, _, error) = await CliRunner.RunAsync(["bench", "durable", "--workflows", "0"], workingDirectory: _db.Folder);
        code.ShouldBe(64);
        error.ShouldContain("--workflows");

        var (sync, _, syncError) = await CliRunner.RunAsync(["bench", "durable", "--synchronous", "off"], workingDirectory: _db.Folder);
        sync.ShouldNotBe(0);
        syncError.ShouldContain("off");
    }
}
