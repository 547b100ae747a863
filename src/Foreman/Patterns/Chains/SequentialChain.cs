using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Foreman.Patterns.Workers;
using Foreman.Telemetry;
using Foreman.Workflows;

namespace Foreman.Patterns.Chains;

/// <summary>
/// A sequential chain with compression: each step receives only what the step before it chose to pass forward
/// (a projection or a summary), never the whole history, so the context stays bounded however long the chain.
/// Every step is a durable, retried task; the chain reports the context size at every step and stops at the
/// first step that fails or needs a person. Thread-safe.
/// </summary>
public sealed class SequentialChain : IWorker
{
    private readonly ChainStep[] _steps;

    /// <summary>Creates the chain.</summary>
    /// <param name="name">The chain's name.</param>
    /// <param name="steps">The steps, in order; every step but the last declares what it passes forward.</param>
    /// <exception cref="ArgumentException">No steps, or a step other than the last without <see cref="ChainStep.Forward"/>.</exception>
    public SequentialChain(string name, IEnumerable<ChainStep> steps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _steps = steps?.ToArray() ?? throw new ArgumentNullException(nameof(steps));
        if (_steps.Length == 0)
        {
            throw new ArgumentException("A chain needs at least one step.", nameof(steps));
        }

        if (_steps.Take(_steps.Length - 1).FirstOrDefault(s => s.Forward is null) is { } undeclared)
        {
            throw new ArgumentException($"Chain step '{undeclared.Name}' must declare what it passes forward (a projection or a summarizer).", nameof(steps));
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task<WorkResult> ExecuteAsync(WorkflowContext context, WorkTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var result = await RunAsync(context, task.Input);
        return new WorkResult
        {
            TaskId = task.TaskId,
            Worker = Name,
            Status = result.Status,
            Output = result.Output,
            Error = result.Error,
            Confidence = result.Status == WorkStatus.Success ? 1 : 0,
            Cost = result.Cost,
        };
    }

    /// <summary>Runs the chain.</summary>
    /// <param name="context">The durable context.</param>
    /// <param name="input">The first step's input.</param>
    /// <returns>The result with a report per step.</returns>
    public async Task<ChainResult> RunAsync(WorkflowContext context, JsonElement input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reports = new List<ChainStepReport>();
        var carried = input;
        for (var i = 0; i < _steps.Length; i++)
        {
            var step = _steps[i];
            using var activity = PatternSpans.Start($"foreman.chain_step {step.Name}", "chain_step", step.Worker.Name);
            var contextBytes = PatternJson.SizeOf(carried);
            activity?.SetTag(PatternAttributes.ChainStep, step.Name);
            activity?.SetTag(PatternAttributes.ChainStepIndex, i + 1);
            activity?.SetTag(PatternAttributes.ContextBytes, contextBytes);
            var task = new WorkTask(string.Create(CultureInfo.InvariantCulture, $"{Name}.{i + 1}.{step.Name}"), step.Name, carried);
            var result = await WorkDispatcher.DispatchAsync(context, step.Worker, task, step.Dispatch);
            activity?.SetTag(PatternAttributes.Status, WorkDispatcher.StatusName(result.Status));
            if (result.Status != WorkStatus.Success || result.Output is not { } output)
            {
                activity?.SetStatus(ActivityStatusCode.Error, result.Error);
                reports.Add(new ChainStepReport(step.Name, i + 1, result.Status, contextBytes, 0, 0, result.Cost));
                return new ChainResult(result.Status, null, reports, $"Step {i + 1} ({step.Name}) {WorkDispatcher.StatusName(result.Status)}: {result.Error}");
            }

            if (step.Forward is null)
            {
                reports.Add(new ChainStepReport(step.Name, i + 1, WorkStatus.Success, contextBytes, PatternJson.SizeOf(output), PatternJson.SizeOf(output), result.Cost));
                return new ChainResult(WorkStatus.Success, output, reports, null);
            }

            var next = await step.Forward.CompressAsync(context.Scope($"forward.{step.Name}"), carried, output);
            var forwardedBytes = PatternJson.SizeOf(next);
            activity?.SetTag(PatternAttributes.ForwardedBytes, forwardedBytes);
            reports.Add(new ChainStepReport(step.Name, i + 1, WorkStatus.Success, contextBytes, PatternJson.SizeOf(output), forwardedBytes, result.Cost));
            carried = next;
        }

        // Every step declared a forward: the last forwarded context is the chain's output.
        return new ChainResult(WorkStatus.Success, carried, reports, null);
    }
}
