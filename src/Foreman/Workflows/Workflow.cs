using System.Text.Json;

namespace Foreman.Workflows;

/// <summary>
/// A durable workflow written as ordinary async C#. Every operation on the <see cref="WorkflowContext"/> is
/// journaled, so after a crash or a wait the code runs again from the top and finished operations return their
/// recorded results. The code must therefore be deterministic: take time, random numbers and ids from the
/// context, and do I/O only inside steps.
/// </summary>
/// <typeparam name="TInput">The input type (JSON-serializable).</typeparam>
/// <typeparam name="TOutput">The output type (JSON-serializable).</typeparam>
public abstract class Workflow<TInput, TOutput> : IWorkflow
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The workflow's body.</summary>
    /// <param name="context">The durable context.</param>
    /// <param name="input">The input.</param>
    /// <returns>The output.</returns>
    public abstract Task<TOutput> RunAsync(WorkflowContext context, TInput input);

    /// <inheritdoc />
    public async Task<string> ExecuteAsync(WorkflowContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var typed = JsonSerializer.Deserialize<TInput>(input, context.SerializerOptions)!;
        var output = await RunAsync(context, typed);
        return JsonSerializer.Serialize(output, context.SerializerOptions);
    }
}
