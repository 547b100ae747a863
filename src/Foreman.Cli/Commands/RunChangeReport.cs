using Foreman.Cli.Rendering;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Commands;

/// <summary>
/// How a command that changes a run's lifecycle (cancel, requeue) reports the engine's answer: the change, no such
/// run, or a refusal that names the status the run is in.
/// </summary>
internal static class RunChangeReport
{
    /// <param name="environment">Where the report goes.</param>
    /// <param name="store">The store, to read the status of a run the change refused.</param>
    /// <param name="runId">The run.</param>
    /// <param name="status">The engine's answer.</param>
    /// <param name="done">The line printed when the change was made.</param>
    /// <param name="refused">The error for a run whose status refused the change, given that status as text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> ReportAsync(CliEnvironment environment, IWorkflowStore store, string runId, CommitStatus status, string done, Func<string, string> refused, CancellationToken cancellationToken)
    {
        switch (status)
        {
            case CommitStatus.Committed:
                await environment.Out.WriteLineAsync(done);
                return ExitCodes.Success;
            case CommitStatus.NotFound:
                return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, $"no run '{runId}'.");
            default:
                var run = await store.GetRunAsync(runId, cancellationToken);
                return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, refused(run is null ? "unknown" : StatusText.Of(run.Status)));
        }
    }
}
