using System.Diagnostics;
using System.Globalization;
using Foreman.Telemetry;
using Foreman.Workflows;

namespace Foreman.Patterns.Workers;

/// <summary>
/// The orchestrator's side of the orchestrator–worker contract: validates the task at the boundary, runs the
/// worker in its own journal scope, validates the result, retries failures through durable timers, then tries
/// the fallback. Needs-human results are returned at once: a retry would not help.
/// </summary>
public static class WorkDispatcher
{
    /// <summary>Runs <paramref name="task"/> on <paramref name="worker"/> under <paramref name="options"/>.</summary>
    /// <param name="context">The durable context.</param>
    /// <param name="worker">The worker.</param>
    /// <param name="task">The task.</param>
    /// <param name="options">Retries, fallback and contract; <see cref="DispatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The final result; <see cref="WorkResult.Attempts"/>, cost and model calls cover every attempt.</returns>
    public static async Task<WorkResult> DispatchAsync(WorkflowContext context, IWorker worker, WorkTask task, DispatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(task);
        options ??= DispatchOptions.Default;
        using var activity = PatternSpans.Start($"foreman.task {worker.Name}", "task");
        activity?.SetTag(PatternAttributes.TaskId, task.TaskId);
        activity?.SetTag(PatternAttributes.TaskKind, task.Kind);
        activity?.SetTag(PatternAttributes.Worker, worker.Name);
        if (worker is AgentWorker or Tiering.TieredAgentWorker or Supervision.Supervisor)
        {
            // A sub-agent: name it the GenAI way too, so agent-centric trace views find it.
            activity?.SetTag(GenAIAttributes.AgentName, worker.Name);
        }

        if (options.InputSchema?.Validate(task.Input) is { IsValid: false } invalidInput)
        {
            // A malformed task is the orchestrator's bug: no worker is paid to read it.
            var rejected = WorkResult.Failure(task, worker.Name, $"The task's input breaks the worker's contract: {invalidInput}") with { Attempts = 0 };
            return Finish(activity, rejected);
        }

        var spent = new Spent();
        var maxAttempts = Math.Max(1, options.Retry.MaxAttempts);
        WorkResult? last = null;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            last = await AttemptAsync(context, worker, task, options, attempt, spent);
            if (last.Status != WorkStatus.Failure)
            {
                return Finish(activity, last);
            }

            if (attempt < maxAttempts)
            {
                await context.DelayAsync(options.Retry.DelayBefore(attempt + 1, context.Random), $"retry:{worker.Name}:{task.TaskId}");
            }
        }

        if (options.Fallback is { } fallback)
        {
            last = await AttemptAsync(context, fallback, task, options, maxAttempts + 1, spent);
        }

        return Finish(activity, last!);
    }

    private static async Task<WorkResult> AttemptAsync(WorkflowContext context, IWorker worker, WorkTask task, DispatchOptions options, int attempt, Spent spent)
    {
        var scope = context.Scope(string.Create(CultureInfo.InvariantCulture, $"task.{task.TaskId}.{attempt}"));
        WorkResult result;
        try
        {
            result = await worker.ExecuteAsync(scope, task);
        }
        catch (StepFailedException ex)
        {
            result = WorkResult.Failure(task, worker.Name, ex.Error.Message);
        }

        spent.Add(result);
        if (result.Status == WorkStatus.Success)
        {
            if (result.Output is not { } output)
            {
                result = result with { Status = WorkStatus.Failure, Error = "The worker reported success without an output." };
            }
            else if (options.OutputSchema?.Validate(output) is { IsValid: false } invalid)
            {
                result = result with { Status = WorkStatus.Failure, Error = $"The output breaks the contract: {invalid}" };
            }
        }

        return result with { Attempts = attempt, Cost = spent.Cost, ModelCalls = spent.ModelCalls, DurationMs = spent.DurationMs };
    }

    private static WorkResult Finish(Activity? activity, WorkResult result)
    {
        if (activity is not null)
        {
            activity.SetTag(PatternAttributes.Status, StatusName(result.Status));
            activity.SetTag(GenAIAttributes.Attempts, result.Attempts);
            activity.SetTag(GenAIAttributes.Cost, (double)result.Cost);
            activity.SetTag(GenAIAttributes.Confidence, result.Confidence);
            if (result.Status == WorkStatus.Failure)
            {
                activity.SetStatus(ActivityStatusCode.Error, result.Error);
                activity.SetTag(GenAIAttributes.ErrorType, "worker_failed");
            }
        }

        return result;
    }

    /// <summary>Gets the contract's name of a status: success, failure, needs_human.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string StatusName(WorkStatus status) => status switch
    {
        WorkStatus.Success => "success",
        WorkStatus.NeedsHuman => "needs_human",
        _ => "failure",
    };

    // What every attempt cost together: a retried task is charged for all its attempts.
    private sealed class Spent
    {
        public decimal Cost { get; private set; }

        public int ModelCalls { get; private set; }

        public double DurationMs { get; private set; }

        public void Add(WorkResult result)
        {
            Cost += result.Cost;
            ModelCalls += result.ModelCalls;
            DurationMs += result.DurationMs;
        }
    }
}
