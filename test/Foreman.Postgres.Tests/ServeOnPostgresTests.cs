using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Foreman.Cli.Tests;

namespace Foreman.Postgres.Tests;

/// <summary><c>foreman keys</c> and <c>foreman serve</c> on PostgreSQL: the keys live in the database every node shares.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ServeOnPostgresTests(PostgresCluster cluster)
{
    private readonly Dictionary<string, string> _environment = new()
    {
        ["FOREMAN_STORE"] = "postgres",
        ["FOREMAN_CONNECTION"] = cluster.ConnectionString,
        ["FOREMAN_SCHEMA"] = cluster.NewSchema(),
    };

    [Fact]
    public async Task KeyCreatedOnTheDatabase_SignsInToAServerOnIt_WhichRunsSubmittedWork()
    {
        var (created, createdOut, createError) = await CliRunner.RunAsync(["keys", "create", "--role", "submitter", "--name", "ci"], _environment);
        created.ShouldBe(0, createError);
        var key = ServeProcess.KeyText().Match(createdOut).Value;
        key.ShouldStartWith("fm_");

        var port = ServeProcess.FreePort();
        using var stop = new CancellationTokenSource();
        var serve = CliRunner.RunAsync(["serve", "--url", $"http://127.0.0.1:{port}", "--no-seed"], _environment, cancellationToken: stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await ServeProcess.WaitUntilListeningAsync(client, serve);

        (await client.GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var body = new StringContent("""{"workflow":"bench-steps","input":{"steps":3}}""", Encoding.UTF8, "application/json");
        using var submitted = await client.PostAsync("/api/runs", body);
        var submitText = await submitted.Content.ReadAsStringAsync();
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, submitText);
        var runId = JsonDocument.Parse(submitText).RootElement.GetProperty("run").GetProperty("run_id").GetString();

        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        string status;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            status = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{runId}")).RootElement.GetProperty("status").GetString()!;
        }
        while (status != "completed" && TimeProvider.System.GetUtcNow() < deadline);

        await stop.CancelAsync();
        var (code, output, error) = await serve;
        status.ShouldBe("completed");
        code.ShouldBe(0, error);
        output.ShouldContain("PostgreSQL");
        output.ShouldNotContain("fm_", customMessage: "a key exists on the database, so no admin key is created");
        var (listed, list, _) = await CliRunner.RunAsync(["keys", "list"], _environment);
        listed.ShouldBe(0);
        list.ShouldContain("ci");
        list.ShouldNotContain(key);
    }

    [Fact]
    public async Task RunExecutedByAWorker_ShowsInTheTracesOfAServerOnTheSameDatabase()
    {
        var (submitted, submitOut, submitError) = await CliRunner.RunAsync(["runs", "submit", "bench-steps", "--json", "--input", """{"steps":2}"""], _environment);
        submitted.ShouldBe(0, submitError);
        var runId = JsonDocument.Parse(submitOut).RootElement.GetProperty("run_id").GetString()!;

        // A worker node executes the run and records its trace in the shared schema; it flushes the spans as it stops.
        using (var stopWorker = new CancellationTokenSource())
        {
            var worker = CliRunner.RunAsync(["worker", "--quiet", "--poll", "0.2"], _environment, cancellationToken: stopWorker.Token);
            await WaitForCompletedAsync(runId, worker);
            await stopWorker.CancelAsync();
            var (workerCode, _, workerError) = await worker;
            workerCode.ShouldBe(0, workerError);
        }

        var (created, createdOut, createError) = await CliRunner.RunAsync(["keys", "create", "--role", "operator", "--name", "ops"], _environment);
        created.ShouldBe(0, createError);
        var key = ServeProcess.KeyText().Match(createdOut).Value;
        var port = ServeProcess.FreePort();
        using var stop = new CancellationTokenSource();
        var serve = CliRunner.RunAsync(["serve", "--url", $"http://127.0.0.1:{port}", "--no-seed"], _environment, cancellationToken: stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await ServeProcess.WaitUntilListeningAsync(client, serve);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var traces = await client.GetAsync("/api/traces?q=" + Uri.EscapeDataString("pipeline = bench-steps and status = completed"));
        var tracesText = await traces.Content.ReadAsStringAsync();
        using var alerts = await client.GetAsync("/api/alerts");
        var alertsText = await alerts.Content.ReadAsStringAsync();
        await stop.CancelAsync();
        var (code, _, error) = await serve;

        traces.StatusCode.ShouldBe(HttpStatusCode.OK, tracesText);
        tracesText.ShouldContain(runId, customMessage: "the worker's trace, read by the server from the shared schema");
        alerts.StatusCode.ShouldBe(HttpStatusCode.OK, alertsText);
        code.ShouldBe(0, error);
    }

    private async Task WaitForCompletedAsync(string runId, Task<(int ExitCode, string Out, string Error)> worker)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (TimeProvider.System.GetUtcNow() < deadline && !worker.IsCompleted)
        {
            var (_, shown, _) = await CliRunner.RunAsync(["runs", "show", runId, "--json"], _environment);
            if (shown.Contains("\"status\": \"completed\"", StringComparison.Ordinal) || shown.Contains("\"status\":\"completed\"", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }

        var (code, output, error) = worker.IsCompleted ? await worker : (-1, string.Empty, string.Empty);
        throw new TimeoutException($"run {runId} did not complete (worker: {code} {output} {error})");
    }
}
