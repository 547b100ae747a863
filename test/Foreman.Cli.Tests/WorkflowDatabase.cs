using System.Text.Json;
using Foreman.Sqlite;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Tests;

/// <summary>A temporary folder with a workflow database for the CLI to work on, and ways to put runs in it.</summary>
internal sealed class WorkflowDatabase : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("foreman-cli-wf-").FullName;

    public string Path => System.IO.Path.Combine(Folder, "foreman.db");

    /// <summary>Runs the CLI in the folder with <c>--db</c> pointing at the database.</summary>
    public Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--db", Path], workingDirectory: Folder);

    /// <summary>Runs the CLI and parses its standard output as JSON.</summary>
    public async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        code.ShouldBe(0, error);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>Creates a run whose only step fails without retries, and runs a worker until it is dead-lettered.</summary>
    public async Task<string> CreateDeadLetteredRunAsync()
    {
        var failing = new DelegateWorkflow<string, string>("always-fails", async (context, input) =>
            await context.StepAsync<string>("charge-card", (_, _) => throw new NonRetryableStepException("card declined")));
        await using var store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = Path });
        await store.InitializeAsync(CancellationToken.None);
        var engine = new WorkflowEngine(store, [failing]);
        var (run, _) = await engine.SubmitAsync("always-fails", "order-1");
        using var stop = new CancellationTokenSource();
        var worker = new WorkflowWorker(engine, new WorkflowWorkerOptions { PollInterval = TimeSpan.FromMilliseconds(50) }).RunAsync(stop.Token);
        try
        {
            await WaitForStatusAsync(store, run.RunId, RunStatus.DeadLettered);
        }
        finally
        {
            await stop.CancelAsync();
            await worker;
        }

        return run.RunId;
    }

    /// <summary>Polls the database (bounded, real time) until the run has the status.</summary>
    public async Task<RunRecord> WaitForStatusAsync(string runId, RunStatus status)
    {
        await using var store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = Path });
        await store.InitializeAsync(CancellationToken.None);
        return await WaitForStatusAsync(store, runId, status);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing worker: the temp folder is cleaned up later.
        }
    }

    private static async Task<RunRecord> WaitForStatusAsync(IWorkflowStore store, string runId, RunStatus status)
    {
        RunRecord? run = null;
        for (var i = 0; i < 600; i++)
        {
            run = await store.GetRunAsync(runId, CancellationToken.None);
            if (run?.Status == status)
            {
                return run;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        throw new TimeoutException($"Run {runId} did not become {status}; it is {run?.Status} ({run?.Error}).");
    }
}
