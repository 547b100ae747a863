using Foreman.Workflows.Storage;

namespace Foreman.Workflows.States;

/// <summary>Runs a <see cref="BusinessStateMachine"/> inside a workflow, applying each state's failure policy.</summary>
public static class StateMachineRunner
{
    /// <summary>
    /// Drives the machine from its initial state until a terminal one. <paramref name="handle"/> does a state's
    /// work and returns the next state; every transition is validated and journaled (and shown as the run's
    /// business state). After a crash or a re-queue, replay brings the run back to the state that was running and
    /// re-enters it there.
    /// </summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="machine">The state machine.</param>
    /// <param name="handle">Does the work of a state (with a context scoped to it) and returns the next state.</param>
    /// <returns>The terminal state reached.</returns>
    /// <exception cref="WorkflowFailedException">A handler returned a state that is not a valid transition.</exception>
    public static async Task<string> RunStateMachineAsync(this WorkflowContext context, BusinessStateMachine machine, Func<WorkflowContext, string, Task<string>> handle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(handle);
        var state = machine.Initial;
        await context.TransitionAsync("START", state);
        while (!machine[state].IsTerminal)
        {
            var definition = machine[state];
            var next = await RunStateAsync(context, definition, handle);
            if (!machine.CanTransition(state, next))
            {
                throw new WorkflowFailedException(new RunError("invalid_transition", $"State '{state}' may lead to {string.Join(" or ", definition.Next)}, not '{next}'."));
            }

            await context.TransitionAsync(state, next);
            state = next;
        }

        return state;
    }

    private static async Task<string> RunStateAsync(WorkflowContext context, StateDefinition state, Func<WorkflowContext, string, Task<string>> handle)
    {
        switch (state.OnFailure)
        {
            case StateFailurePolicy.RetryThenEscalatePolicy retry:
                for (var attempt = 1; ; attempt++)
                {
                    var outcome = await TryAsync(() => handle(context.Scope($"{state.Name}.{attempt}"), state.Name));
                    if (outcome.Next is not null)
                    {
                        return outcome.Next;
                    }

                    if (attempt > retry.Retries)
                    {
                        return await EscalateAsync(context, state, retry.EscalationTimeout, outcome.Error!);
                    }

                    await context.DelayAsync(retry.Backoff * Math.Pow(2, attempt - 1), $"retry {state.Name}");
                }

            case StateFailurePolicy.CheckpointAndRetryPolicy checkpoint:
                var steps = new StepOptions { Retry = new StepRetryPolicy { MaxAttempts = checkpoint.MaxAttempts, InitialDelay = checkpoint.InitialDelay } };
                return await handle(context.Scope(state.Name, steps), state.Name);

            case StateFailurePolicy.HumanEscalationPolicy human:
                var attemptOutcome = await TryAsync(() => handle(context.Scope(state.Name), state.Name));
                return attemptOutcome.Next ?? await EscalateAsync(context, state, human.Timeout, attemptOutcome.Error!);

            case StateFailurePolicy.DeadLetterPolicy:
                var dead = await TryAsync(() => handle(context.Scope(state.Name), state.Name));
                return dead.Next ?? throw new StepFailedException(new RunError("state_failed", $"State {state.Name} failed: {dead.Error!.Message}", state.Name));

            default:
                var plain = await TryAsync(() => handle(context.Scope(state.Name), state.Name));
                return plain.Next ?? throw new WorkflowFailedException(new RunError("state_failed", $"State {state.Name} failed: {plain.Error!.Message}", state.Name));
        }
    }

    // Control-flow exceptions (divergence, lease loss, cancellation) pass through; work failures become values.
    private static async Task<(string? Next, Exception? Error)> TryAsync(Func<Task<string>> attempt)
    {
        try
        {
            return (await attempt(), null);
        }
        catch (Exception ex) when (ex is not WorkflowDivergenceException and not LeaseLostException and not OperationCanceledException)
        {
            return (null, ex);
        }
    }

    private static async Task<string> EscalateAsync(WorkflowContext context, StateDefinition state, TimeSpan? timeout, Exception error)
    {
        var decision = await context.WaitForEventAsync<EscalationDecision>($"escalation:{state.Name}", timeout);
        if (decision.Value is { } made)
        {
            return made.NextState;
        }

        throw new WorkflowFailedException(new RunError("escalation_timeout", $"State {state.Name} failed ({error.Message}) and no one decided within {timeout}.", state.Name));
    }
}
