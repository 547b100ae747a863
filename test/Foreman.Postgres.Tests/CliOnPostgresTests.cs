using System.Text.Json;
using Foreman.Cli.Tests;
using Foreman.Samples.Invoices;
using Foreman.Workflows.Storage;

namespace Foreman.Postgres.Tests;

/// <summary>The <c>foreman</c> commands on PostgreSQL: two workers and the run, event and review commands on one database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CliOnPostgresTests(PostgresCluster cluster)
{
    private readonly string _schema = cluster.NewSchema();

    [Fact]
    public async Task TwoWorkers_OneDatabase_RunsCompleteOnceAndEventsWakeThem()
    {
        // The environment chooses the store for every command, as in a deployment.
        var environment = new Dictionary<string, string>
        {
            ["FOREMAN_STORE"] = "postgres",
            ["FOREMAN_CONNECTION"] = cluster.ConnectionString,
            ["FOREMAN_SCHEMA"] = _schema,
        };
        var large = await SubmitAsync(environment);
        var small = await SubmitAsync(environment, JsonSerializer.Serialize(new { invoice = InvoiceExtractor.Sample.ExampleInput }));
        using var stop = new CancellationTokenSource();

        // One worker from the environment, one from flags only.
        var first = CliRunner.RunAsync(["worker", "--quiet", "--poll", "0.2"], environment, cancellationToken: stop.Token);
        var second = CliRunner.RunAsync(["worker", "--quiet", "--poll", "0.2", "--store", "postgres", "--connection", cluster.ConnectionString, "--schema", _schema], cancellationToken: stop.Token);

        await WaitForStatusAsync(large, RunStatus.Waiting);
        var (sent, _, sendError) = await CliRunner.RunAsync(["events", "send", large, "approval", "--payload", """{"approved":true,"approver":"dana"}"""], environment);
        sent.ShouldBe(0, sendError);
        var done = await WaitForStatusAsync(large, RunStatus.Completed);
        var smallDone = await WaitForStatusAsync(small, RunStatus.Completed);
        await stop.CancelAsync();
        var firstResult = await first;
        var secondResult = await second;

        firstResult.ExitCode.ShouldBe(0, firstResult.Error);
        secondResult.ExitCode.ShouldBe(0, secondResult.Error);
        firstResult.Out.ShouldContain($"schema {_schema}");
        done.Output!.ShouldContain("\"outcome\":\"posted\"");
        smallDone.Output!.ShouldContain("\"outcome\":\"posted\"");
        var (listed, list, _) = await CliRunner.RunAsync(["runs", "list", "--json"], environment);
        listed.ShouldBe(0);
        list.ShouldContain(large);
        list.ShouldContain(small);

        // Both workers recorded their spans in the shared schema (each sees every span in this one process: the
        // duplicates are dropped by span id), and the observability commands read them from there.
        var (queried, traces, queryError) = await CliRunner.RunAsync(["traces", "query", "pipeline = invoice-approval and status = completed", "--json"], environment);
        queried.ShouldBe(0, queryError);
        var summaries = JsonDocument.Parse(traces).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetString()!, r => r);
        summaries.Keys.ShouldBe([large, small], ignoreOrder: true);
        var (shown, tree, showError) = await CliRunner.RunAsync(["traces", "show", large, "--store", "postgres", "--connection", cluster.ConnectionString, "--schema", _schema]);
        shown.ShouldBe(0, showError);
        tree.ShouldContain("invoice-approval");
        string[][] commands = [["cost", "--since", "1d"], ["alerts", "--all"], ["quality"], ["alerts", "check"]];
        foreach (var command in commands)
        {
            var (code, _, error) = await CliRunner.RunAsync(command, environment);
            code.ShouldBe(0, $"{string.Join(' ', command)}: {error}");
        }

        var (pruned, prunedText, _) = await CliRunner.RunAsync(["traces", "prune", "--older-than", "1d"], environment);
        pruned.ShouldBe(0);
        prunedText.ShouldContain("Pruned the traces of 0 run(s).");
    }

    [Fact]
    public async Task PostgresWithoutConnection_IsAUsageErrorThatSaysWhatIsMissing()
    {
        var (code, _, error) = await CliRunner.RunAsync(["runs", "list", "--store", "postgres"]);

        code.ShouldBe(64);
        error.ShouldContain("--connection");
    }

    [Fact]
    public async Task InspectingAnUnknownSchema_IsAUsageError_AndCreatesNothing()
    {
        var (code, _, error) = await CliRunner.RunAsync(["runs", "list", "--store", "postgres", "--connection", cluster.ConnectionString, "--schema", _schema]);

        code.ShouldBe(64);
        error.ShouldContain($"no Foreman schema '{_schema}'");
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _schema });
        (await command.ExecuteScalarAsync()).ShouldBe(0L);
    }

    private async Task<string> SubmitAsync(Dictionary<string, string> environment, string? input = null)
    {
        string[] args = input is null ? ["runs", "submit", "invoice-approval", "--json"] : ["runs", "submit", "invoice-approval", "--json", "--input", input];
        var (code, output, error) = await CliRunner.RunAsync(args, environment);
        code.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("run_id").GetString()!;
    }

    private async Task<RunRecord> WaitForStatusAsync(string runId, RunStatus status)
    {
        await using var store = await WorkerGroup.OpenAsync(cluster, _schema);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await store.GetRunAsync(runId, timeout.Token);
            if (run?.Status == status)
            {
                return run;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, timeout.Token);
        }
    }
}
