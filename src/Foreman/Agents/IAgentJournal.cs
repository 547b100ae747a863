namespace Foreman.Agents;

/// <summary>
/// Makes an agent run durable: each model call and each tool call is recorded once, and on replay (after a crash
/// or a wait) the recorded result is returned instead of calling again, so no model call is paid twice and no tool
/// acts twice. The durable workflow engine supplies one (<c>WorkflowContext.RunAgentAsync</c>).
/// </summary>
public interface IAgentJournal
{
    /// <summary>Runs <paramref name="execute"/> once and records its result; on replay returns the recorded result.</summary>
    /// <param name="operation">A name stable across replays, such as <c>model:3</c> or <c>tool:5</c>.</param>
    /// <param name="execute">The operation; its result is opaque JSON text produced by Foreman.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result, fresh or recorded.</returns>
    Task<string> RecordAsync(string operation, Func<CancellationToken, Task<string>> execute, CancellationToken cancellationToken);
}
