namespace Foreman.Workflows;

/// <summary>A workflow whose body is a delegate.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
/// <param name="name">The workflow name.</param>
/// <param name="body">The body.</param>
public sealed class DelegateWorkflow<TInput, TOutput>(string name, Func<WorkflowContext, TInput, Task<TOutput>> body) : Workflow<TInput, TOutput>
{
    /// <inheritdoc />
    public override string Name => name;

    /// <inheritdoc />
    public override Task<TOutput> RunAsync(WorkflowContext context, TInput input) => body(context, input);
}
