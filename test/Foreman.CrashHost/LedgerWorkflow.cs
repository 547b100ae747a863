using Foreman.Workflows;

namespace Foreman.CrashHost;

/// <summary>
/// <c>ledger</c>: K durable steps, each appending one entry to an external ledger keyed by the step's idempotency key.
/// The engine runs a step at least once; the key makes the ledger apply it exactly once.
/// </summary>
/// <param name="ledger">The ledger (a separate SQLite file: a real side effect outside the engine's journal).</param>
/// <param name="effectDelay">
/// How long a step keeps working after its side effect before it returns. It widens the window in which a kill lands
/// between the ledger write and the journal commit, the window that forces a re-execution.
/// </param>
public sealed class LedgerWorkflow(Ledger ledger, TimeSpan effectDelay) : Workflow<LedgerInput, LedgerOutput>
{
    /// <summary>The registered name.</summary>
    public const string WorkflowName = "ledger";

    /// <inheritdoc />
    public override string Name => WorkflowName;

    /// <summary>The amount step <paramref name="step"/> of workflow <paramref name="index"/> appends.</summary>
    /// <param name="index">The workflow.</param>
    /// <param name="step">The step, from 1.</param>
    /// <returns>A positive amount.</returns>
    public static long Amount(int index, int step) => ((index * 7919L) + (step * 104_729L)) % 10_007 + 1;

    /// <summary>The output the workflow must end with.</summary>
    /// <param name="input">The input.</param>
    /// <returns>The reference output.</returns>
    public static LedgerOutput Reference(LedgerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var amounts = Enumerable.Range(1, input.Steps).Select(step => Amount(input.Index, step)).ToArray();
        return new LedgerOutput(input.Index, amounts, amounts.Sum());
    }

    /// <inheritdoc />
    public override async Task<LedgerOutput> RunAsync(WorkflowContext context, LedgerInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var amounts = new List<long>(input.Steps);
        for (var step = 1; step <= input.Steps; step++)
        {
            var number = step;
            amounts.Add(await context.StepAsync("append", async (stepContext, cancellationToken) =>
            {
                var amount = await ledger.AppendAsync(stepContext.IdempotencyKey, input.Index, number, Amount(input.Index, number), cancellationToken);
                if (effectDelay > TimeSpan.Zero)
                {
                    await Task.Delay(effectDelay, TimeProvider.System, cancellationToken);
                }

                return amount;
            }));
        }

        return new LedgerOutput(input.Index, amounts, amounts.Sum());
    }
}
