using System.Text.Json;
using Foreman.Workflows;

namespace Foreman.Patterns.Workers;

/// <summary>
/// A worker without a model: a deterministic function or an API call (an order lookup, a policy check). The
/// function runs as one journaled step, so a replay returns its recorded result. An exception is a failure
/// result; the orchestrator decides about retries. Thread-safe when the function is.
/// </summary>
/// <param name="name">The worker's name.</param>
/// <param name="execute">The work: reads the task, returns the output or throws.</param>
public sealed class FunctionWorker(string name, Func<WorkTask, CancellationToken, Task<JsonElement>> execute) : IWorker
{
    // The dispatcher owns retries (as durable timers); a step retrying on its own would retry twice.
    private static readonly StepOptions Once = new() { Retry = StepRetryPolicy.None };

    /// <inheritdoc />
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>Creates a worker from a synchronous function.</summary>
    /// <param name="name">The name.</param>
    /// <param name="execute">The work.</param>
    /// <returns>The worker.</returns>
    public static FunctionWorker FromFunc(string name, Func<WorkTask, JsonElement> execute)
    {
        ArgumentNullException.ThrowIfNull(execute);
        return new FunctionWorker(name, (task, _) => Task.FromResult(execute(task)));
    }

    /// <inheritdoc />
    public async Task<WorkResult> ExecuteAsync(WorkflowContext context, WorkTask task)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        var started = context.UtcNow;
        try
        {
            var output = await context.StepAsync($"worker:{Name}", (_, ct) => execute(task, ct), Once);
            return WorkResult.Success(task, Name, output) with { DurationMs = (context.UtcNow - started).TotalMilliseconds };
        }
        catch (StepFailedException ex)
        {
            return WorkResult.Failure(task, Name, ex.Error.Message) with { DurationMs = (context.UtcNow - started).TotalMilliseconds };
        }
    }
}
