using Foreman.Workflows;

namespace Foreman.Cli.Workflows;

/// <summary>
/// Stands for a workflow in an engine that only submits runs and never executes them (the <c>runs submit</c>
/// command): the engine checks the name, a worker elsewhere runs the real code.
/// </summary>
internal sealed class SubmitOnlyWorkflow(string name) : IWorkflow
{
    public string Name => name;

    public Task<string> ExecuteAsync(WorkflowContext context, string input) =>
        throw new InvalidOperationException($"The command line only submits '{name}'; a worker runs it.");
}
