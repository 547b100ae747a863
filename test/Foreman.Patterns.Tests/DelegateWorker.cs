using Foreman.Patterns.Workers;
using Foreman.Workflows;

namespace Foreman.Patterns.Tests;

/// <summary>A hand-written worker for tests: whatever the function returns.</summary>
internal sealed class DelegateWorker(string name, Func<WorkflowContext, WorkTask, Task<WorkResult>> execute) : IWorker
{
    public string Name => name;

    public Task<WorkResult> ExecuteAsync(WorkflowContext context, WorkTask task) => execute(context, task);
}
