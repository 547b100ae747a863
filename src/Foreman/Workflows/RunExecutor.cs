using System.Diagnostics;
using Foreman.Telemetry;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>
/// Executes one claimed run: replays its journal through the workflow code until the code finishes or waits,
/// then commits the outcome. Keeps the lease alive while it works and stops the moment it is fenced.
/// </summary>
internal static class RunExecutor
{
    public static async Task ExecuteAsync(WorkflowEngine engine, RunRecord run, TimeSpan leaseDuration, CancellationToken stopping)
    {
        using var activity = StartActivity(run);
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var heartbeat = StartHeartbeat(engine, run, leaseDuration, lease);
        try
        {
            var workflow = engine.Find(run.Workflow);
            if (workflow is null)
            {
                // Suspended rather than failed: deploying the missing workflow and re-queueing resumes the run.
                await FinishAsync(engine, run, [], [], Transition(RunStatus.Suspended, new RunError("unknown_workflow", $"No workflow named '{run.Workflow}' is registered on this worker.")), lease.Token);
                return;
            }

            var journal = await engine.Store.GetJournalAsync(run.RunId, lease.Token);
            var inbox = await engine.Store.GetInboxAsync(run.RunId, lease.Token);
            var execution = new RunExecution(run, journal, inbox, engine, lease.Token);
            var context = new WorkflowContext(execution, string.Empty);
            var body = RunBodyAsync(workflow, context, run.Input);
            var first = await Task.WhenAny(body, execution.Quiescent);
            var (wakeAt, waitingFor, buffered, consumed) = execution.Close();
            if (first != body)
            {
                await FinishAsync(engine, run, buffered, consumed, new RunTransition { To = RunStatus.Waiting, WakeAt = wakeAt, WaitingFor = waitingFor }, lease.Token);
                return;
            }

            var transition = Outcome(body, execution);
            if (transition is not null)
            {
                await FinishAsync(engine, run, buffered, consumed, transition, lease.Token);
            }
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested)
        {
            // Shutting down or fenced: the lease expires and another worker (or this one, restarted) resumes the run.
        }
        catch (LeaseLostException)
        {
            // Another worker owns the run, or it was cancelled: nothing of ours may be written.
        }
        finally
        {
            await lease.CancelAsync();
        }
    }

    // Runs the body on the thread pool so a workflow that blocks synchronously cannot stall the worker loop.
    private static Task<string> RunBodyAsync(IWorkflow workflow, WorkflowContext context, string input) =>
        Task.Run(() => workflow.ExecuteAsync(context, input));

    private static RunTransition? Outcome(Task<string> body, RunExecution execution)
    {
        if (body.IsCompletedSuccessfully)
        {
            var unvisited = execution.UnvisitedKeys();
            return unvisited.Count == 0
                ? new RunTransition { To = RunStatus.Completed, Output = body.Result }
                : Transition(RunStatus.Suspended, new RunError("divergence", $"The workflow finished without reaching recorded operations at {string.Join(", ", unvisited.Take(5))}; the code changed under a running workflow."));
        }

        Exception exception = body.Exception?.InnerException ?? (Exception?)body.Exception ?? new OperationCanceledException("The workflow task was cancelled.");
        return exception switch
        {
            LeaseLostException => null,
            OperationCanceledException when execution.LeaseToken.IsCancellationRequested => null,
            WorkflowDivergenceException divergence => Transition(RunStatus.Suspended, new RunError("divergence", divergence.Message)),
            StepFailedException failed => Transition(RunStatus.DeadLettered, failed.Error),
            WorkflowFailedException failed => Transition(RunStatus.Failed, failed.Error),
            _ => Transition(RunStatus.Failed, new RunError(exception.GetType().Name, exception.Message)),
        };
    }

    private static RunTransition Transition(RunStatus to, RunError error) => new() { To = to, Error = WorkflowJson.Error(error) };

    // The run span is the root of everything the run does; its baggage carries the run id to every span below it
    // (agents, model and tool calls, orchestration patterns), which is how the trace recorder groups a run's spans.
    private static Activity? StartActivity(RunRecord run)
    {
        var activity = ForemanTelemetry.Source.StartActivity($"{GenAIOperations.InvokeWorkflow} {run.Workflow}", ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(GenAIAttributes.OperationName, GenAIOperations.InvokeWorkflow);
        activity.SetTag(GenAIAttributes.WorkflowName, run.Workflow);
        activity.SetTag(GenAIAttributes.RunId, run.RunId);
        activity.SetTag(GenAIAttributes.RunClaim, run.Claims);
        if (run.ParentRunId is { } parent)
        {
            activity.SetTag(GenAIAttributes.ParentRunId, parent);
        }

        activity.SetBaggage(GenAIAttributes.RunId, run.RunId);
        return activity;
    }

    private static string StatusName(RunStatus status) => status switch
    {
        RunStatus.DeadLettered => "dead_lettered",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static async Task FinishAsync(WorkflowEngine engine, RunRecord run, IReadOnlyList<JournalEntry> buffered, IReadOnlyList<long> consumed, RunTransition transition, CancellationToken cancellationToken)
    {
        var workflowTag = new KeyValuePair<string, object?>(GenAIAttributes.WorkflowName, run.Workflow);
        ForemanMetrics.Runs.Add(1, workflowTag, new KeyValuePair<string, object?>(GenAIAttributes.RunStatus, StatusName(transition.To)));
        if (transition.To is RunStatus.Completed or RunStatus.Failed or RunStatus.DeadLettered)
        {
            // End-to-end latency: from submission to the end, waits for people and timers included.
            ForemanMetrics.RunDuration.Record((engine.TimeProvider.GetUtcNow() - run.CreatedAt).TotalSeconds, workflowTag);
        }

        if (Activity.Current is { } activity && activity.GetTagItem(GenAIAttributes.OperationName) as string == GenAIOperations.InvokeWorkflow)
        {
            activity.SetTag(GenAIAttributes.RunStatus, StatusName(transition.To));
            if (transition.To is RunStatus.Failed or RunStatus.DeadLettered or RunStatus.Suspended)
            {
                activity.SetStatus(ActivityStatusCode.Error, transition.Error);
            }
        }

        var result = await engine.Store.CommitAsync(
            new RunCommit { RunId = run.RunId, Epoch = run.Epoch, Entries = buffered, ConsumedEvents = consumed, Transition = transition, At = engine.TimeProvider.GetUtcNow() },
            cancellationToken);
        if (result.IsCommitted && (run.ParentRunId is not null || result.RunStatus == RunStatus.Pending))
        {
            // A parent may have been woken by our completion, or our wait is already satisfied.
            engine.Signal();
        }
    }

    private static ITimer StartHeartbeat(WorkflowEngine engine, RunRecord run, TimeSpan leaseDuration, CancellationTokenSource lease)
    {
        var period = leaseDuration / 3;
        return engine.TimeProvider.CreateTimer(
            _ => _ = RenewAsync(engine, run, leaseDuration, lease),
            null,
            period,
            period);
    }

    private static async Task RenewAsync(WorkflowEngine engine, RunRecord run, TimeSpan leaseDuration, CancellationTokenSource lease)
    {
        try
        {
            var status = await engine.Store.RenewLeaseAsync(run.RunId, run.Epoch, engine.TimeProvider.GetUtcNow() + leaseDuration, lease.Token);
            if (status != CommitStatus.Committed)
            {
                await lease.CancelAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The execution ended.
        }
        catch (ObjectDisposedException)
        {
            // The execution ended while the renewal was in flight.
        }
#pragma warning disable CA1031 // A failed renewal must not crash the process; the lease simply runs out.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WorkflowLog.RenewFailed(engine.Logger, run.RunId, ex);
        }
    }
}
