using Foreman.Workflows;

namespace Foreman.Samples.Workflows;

/// <summary>
/// <c>bench-steps</c>: <see cref="BenchStepsInput.Steps"/> trivial durable steps, each returning a small value, so a
/// benchmark measures the engine and the store rather than the work. The output is the sum of the step results.
/// </summary>
public sealed class BenchStepsWorkflow : Workflow<BenchStepsInput, int>
{
    /// <summary>The registered name.</summary>
    public const string WorkflowName = "bench-steps";

    /// <inheritdoc />
    public override string Name => WorkflowName;

    /// <inheritdoc />
    public override async Task<int> RunAsync(WorkflowContext context, BenchStepsInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var sum = 0;
        for (var i = 1; i <= input.Steps; i++)
        {
            var value = i;
            sum += await context.StepAsync("step", (_, _) => Task.FromResult(value));
        }

        return sum;
    }
}
