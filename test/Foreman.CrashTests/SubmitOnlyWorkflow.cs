using Foreman.Workflows;

namespace Foreman.CrashTests;

/// <summary>Lets the test process submit runs by name; only the host process executes them.</summary>
internal sealed class SubmitOnlyWorkflow(string name) : IWorkflow
{
    public string Name => name;

    public Task<string> ExecuteAsync(WorkflowContext context, string input) =>
        throw new InvalidOperationException("The test process submits runs; the host executes them.");
}
