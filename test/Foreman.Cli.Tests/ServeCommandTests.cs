using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Foreman.Cli.Tests;

/// <summary><c>foreman serve</c> and <c>foreman keys</c>, run in-process on a loopback port the OS picks.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly WorkflowDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Serve_FirstStart_PrintsAnAdminKeyOnce_SeedsSampleRuns_AndANewcomerCanWorkWithThem()
    {
        string key;
        await using (var server = await ServeAsync())
        {
            key = KeyLine().Match(server.Out).Value;
            key.ShouldStartWith("fm_");
            server.Out.ShouldContain("Seeded 18 sample runs");
            using var client = new HttpClient { BaseAddress = server.Url };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            // The sample runs execute in the server's own worker: two refunds end up waiting in the review queue.
            var reviews = await PollAsync(client, "/api/reviews", r => r.GetArrayLength() == 2);
            reviews[0].GetProperty("queue").GetString().ShouldBe("finance");
            var runs = await PollAsync(client, "/api/runs", r => r.GetProperty("runs").EnumerateArray().Count(x => x.GetProperty("status").GetString() == "completed") >= 3);
            runs.GetProperty("runs").GetArrayLength().ShouldBe(18);
            runs.GetProperty("runs").EnumerateArray().Sum(r => r.GetProperty("cost").GetProperty("cost").GetDecimal()).ShouldBeGreaterThan(0);
            (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
            server.Error.ShouldNotContain("WARNING");
        }

        // A second start finds the key and the runs: it prints no key and seeds nothing.
        await using (var again = await ServeAsync())
        {
            again.Out.ShouldNotContain("fm_");
            again.Out.ShouldNotContain("Seeded");
            using var client = new HttpClient { BaseAddress = again.Url };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            (await PollAsync(client, "/api/runs", _ => true)).GetProperty("runs").GetArrayLength().ShouldBe(18);
        }
    }

    [Fact]
    public async Task Serve_OnAnAddressOtherMachinesCanReach_WarnsLoudly()
    {
        await using var server = await ServeAsync("--url", "http://0.0.0.0:0", "--no-seed");
        server.Error.ShouldContain("WARNING: listening on 0.0.0.0");
        server.Out.ShouldNotContain("Seeded");
    }

    [Fact]
    public async Task Serve_PortInUse_IsAClearConfigurationError()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, _, error) = await _db.RunAsync("serve", "--url", $"http://127.0.0.1:{port}", "--no-seed");
        code.ShouldBe(ExitCodes.ConfigurationError);
        error.ShouldContain($"cannot listen on http://127.0.0.1:{port}");

        // The failed start created no key, so the next start still hands one out.
        await using var server = await ServeAsync("--no-seed");
        KeyLine().Match(server.Out).Value.ShouldStartWith("fm_");
    }

    [Fact]
    public async Task Serve_BadUrl_IsAUsageError()
    {
        var (code, _, error) = await _db.RunAsync("serve", "--url", "ftp://example");
        code.ShouldBe(ExitCodes.UsageError);
        error.ShouldContain("--url");
        (await _db.RunAsync("serve", "--url", "http://127.0.0.1:0", "--alert-webhook", "not a url")).ExitCode.ShouldBe(ExitCodes.ConfigurationError);
        (await _db.RunAsync("serve", "--url", "http://127.0.0.1:0", "--otlp-endpoint", "ftp://collector")).ExitCode.ShouldBe(ExitCodes.ConfigurationError);
    }

    [Fact]
    public async Task Serve_MonitoredPipeline_SamplesOutputsIntoTheQualityQueue_AndCostsThem()
    {
        await using var server = await ServeAsync("--no-seed");
        using var client = new HttpClient { BaseAddress = server.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KeyLine().Match(server.Out).Value);

        for (var i = 1; i <= 60; i++)
        {
            var text = $"INVOICE INV-{i}\nFrom: Northwind Traders GmbH, Main Street {i}\nDate: 2026-11-02\n\nTotal due: EUR 1{i}.50";
            using var body = new StringContent(JsonSerializer.Serialize(new { workflow = "invoice-extraction", input = new { documentId = $"DOC-{i}", text } }), System.Text.Encoding.UTF8, "application/json");
            (await client.PostAsync("/api/runs", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var runs = await PollAsync(client, "/api/runs?workflow=invoice-extraction&limit=100", r => r.GetProperty("runs").EnumerateArray().All(x => x.GetProperty("status").GetString() == "completed"));
        runs.GetProperty("runs").EnumerateArray().ShouldAllBe(x => x.GetProperty("status").GetString() == "completed");

        // About 5 % of the outputs wait for a person to verify them; the cost report counts every run.
        var reviews = await PollAsync(client, "/api/reviews", r => r.GetArrayLength() > 0);
        reviews.EnumerateArray().ShouldContain(r => r.GetProperty("queue").GetString() == "quality");
        var costs = await PollAsync(client, "/api/costs", c => c.GetProperty("runs").GetInt32() >= 60);
        // At least: the trace recorder is an ActivityListener, which hears the whole process, and other test classes
        // run the same pipeline in this process at the same time (a server is alone in its process in production).
        costs.GetProperty("pipelines").EnumerateArray().Single(p => p.GetProperty("pipeline").GetString() == "invoice-extraction").GetProperty("runs").GetInt32().ShouldBeGreaterThanOrEqualTo(60);
    }

    [Fact]
    public async Task Serve_WriteLimit_RefusesTheBurstOverIt_AndBadLimitsAreUsageErrors()
    {
        await using (var server = await ServeAsync("--no-seed", "--write-limit", "2"))
        {
            using var client = new HttpClient { BaseAddress = server.Url };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KeyLine().Match(server.Out).Value);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
            {
                using var body = new StringContent("""{"workflow":"bench-steps","input":{"steps":1}}""", System.Text.Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("/api/runs", body);
                statuses.Add(response.StatusCode);
            }

            statuses.ShouldBe(new[] { HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests });
        }

        (await _db.RunAsync("serve", "--url", "http://127.0.0.1:0", "--write-limit", "0")).Error.ShouldContain("--write-limit");
        (await _db.RunAsync("serve", "--url", "http://127.0.0.1:0", "--trusted-proxy", "proxy.example")).ExitCode.ShouldBe(ExitCodes.UsageError);
    }

    [Fact]
    public async Task Keys_CreateListRevoke_TheKeyIsShownOnceAndNeverListed()
    {
        var (code, output, error) = await _db.RunAsync("keys", "create", "--role", "reviewer", "--name", "dana");
        code.ShouldBe(0, error);
        var secret = KeyLine().Match(output).Value;
        secret.ShouldStartWith("fm_");
        var keyId = KeyIdText().Match(output).Value;

        var (_, list, _) = await _db.RunAsync("keys", "list");
        list.ShouldContain(keyId);
        list.ShouldContain("reviewer");
        list.ShouldContain("dana");
        list.ShouldNotContain(secret);

        var (revoked, revokedOut, _) = await _db.RunAsync("keys", "revoke", keyId);
        revoked.ShouldBe(0);
        revokedOut.ShouldContain("ended 0 dashboard session(s)");
        (await _db.RunAsync("keys", "list")).Out.ShouldContain("revoked");
        (await _db.RunAsync("keys", "revoke", "key_000000000000")).ExitCode.ShouldBe(ExitCodes.UsageError);
        (await _db.RunAsync("keys", "create", "--role", "emperor")).ExitCode.ShouldNotBe(0);
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string path, Func<JsonElement, bool> done)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync(path));
            if (done(document.RootElement) || TimeProvider.System.GetUtcNow() > deadline)
            {
                return document.RootElement.Clone();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    private async Task<RunningServer> ServeAsync(params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var stop = new CancellationTokenSource();
        var environment = new CliEnvironment(TextWriter.Synchronized(output), TextWriter.Synchronized(error), _ => null, _db.Folder);
        string[] args = ["serve", "--db", _db.Path, .. extra.Contains("--url") ? extra : ["--url", "http://127.0.0.1:0", .. extra]];
        var run = CliApp.RunAsync(args, environment, stop.Token);
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (!Snapshot(output).Contains("Ctrl+C stops the server", StringComparison.Ordinal))
        {
            if (run.IsCompleted || TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"serve did not start: {Snapshot(output)} {Snapshot(error)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        var url = new Uri(UrlLine().Match(Snapshot(output)).Groups["url"].Value);
        return new RunningServer(url, Snapshot(output), Snapshot(error), run, stop);
    }

    private static string Snapshot(StringWriter writer)
    {
        lock (writer)
        {
            return writer.ToString();
        }
    }

    [GeneratedRegex(@"fm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"key_[0-9a-f]{12}")]
    private static partial Regex KeyIdText();

    [GeneratedRegex(@"Foreman server on (?<url>http://\S+)")]
    private static partial Regex UrlLine();

    private sealed record RunningServer(Uri Url, string Out, string Error, Task<int> Run, CancellationTokenSource Stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            (await Run.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
            Stop.Dispose();
        }
    }
}
