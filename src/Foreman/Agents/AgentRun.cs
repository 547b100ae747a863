using System.Diagnostics;
using System.Text.Json;
using Foreman.Budgets;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Telemetry;
using Foreman.Tools;
using Microsoft.Extensions.AI;

namespace Foreman.Agents;

/// <summary>
/// One execution of an agent: input guardrails, then the loop (budget check → model call → guarded tool calls)
/// until a validated answer, a fallback, or a stop. Every expected failure ends as an <see cref="AgentResult"/>.
/// Not thread-safe: created per run.
/// </summary>
internal sealed partial class AgentRun
{
    private readonly AgentRuntime _runtime;
    private readonly Agent _agent;
    private readonly AgentRequest _request;
    private readonly string _runId;
    private readonly BudgetTracker _budget;
    private readonly List<ChatMessage> _messages = [];
    private readonly List<ModelCallRecord> _modelCalls = [];
    private readonly List<BudgetAlert> _alerts = [];
    private readonly List<string> _outputProblems = [];
    private readonly ToolCallGuard _guard;
    private readonly long _startTimestamp;
    private ModelInfo? _model;
    private bool _repairing;
    private int _modelTurns;
    private bool _usingFallback;
    private int _corrections;
    private int _liveWork;

    public AgentRun(AgentRuntime runtime, Agent agent, AgentRequest request)
    {
        _runtime = runtime;
        _agent = agent;
        _request = request;
        var time = runtime.TimeProvider;
        _runId = request.RunId ?? $"run_{Guid.CreateVersion7(time.GetUtcNow()):N}";
        _startTimestamp = time.GetTimestamp();
        _budget = new BudgetTracker(agent.Limits, time);
        _guard = new ToolCallGuard(
            new ToolGuardSettings(agent.Name, _runId, request.IdempotencyPrefix ?? _runId, agent.Tools, agent.AllowedEffects, agent.MaxIdenticalCalls,
                agent.MaxArgumentCharacters, runtime.ApprovalGate, runtime.RateLimitMaxWait, time, runtime.Logger, request.Services, runtime.RecordSensitiveData),
            runtime.ToolResilience);
    }

    public async Task<AgentResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        using var activity = ForemanTelemetry.Source.StartActivity($"invoke_agent {_agent.Name}", ActivityKind.Internal);
        activity?.SetTag(GenAIAttributes.OperationName, "invoke_agent");
        activity?.SetTag(GenAIAttributes.AgentName, _agent.Name);
        activity?.SetTag(GenAIAttributes.RunId, _runId);
        if (activity is not null && activity.GetBaggageItem(GenAIAttributes.RunId) is null)
        {
            // Outside a workflow the agent run is the run: its id groups the spans below it in the trace store.
            activity.SetBaggage(GenAIAttributes.RunId, _runId);
        }

        var rejection = await CheckInputAsync(cancellationToken);
        if (rejection is not null)
        {
            return Finish(activity, AgentStatus.Failed, StopReason.GuardrailRejected, $"Rejected by {rejection.Guardrail}: {rejection.Reason}", guardrail: rejection);
        }

        using var timeLimit = new CancellationTokenSource(_agent.Limits.MaxDuration, _runtime.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeLimit.Token);
        try
        {
            return await LoopAsync(activity, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeLimit.IsCancellationRequested)
        {
            return Finish(activity, AgentStatus.Failed, StopReason.TimeLimit, $"The run passed its wall-clock limit of {_agent.Limits.MaxDuration}.");
        }
    }

    private async Task<AgentResult> LoopAsync(Activity? activity, CancellationToken cancellationToken)
    {
        _messages.Add(new ChatMessage(ChatRole.System, SystemPrompt()));
        _messages.Add(new ChatMessage(ChatRole.User, _request.Input));
        var options = ChatOptionsFor(withTools: true);
        while (true)
        {
            var breach = _budget.CheckBeforeModelCall(EstimatePromptTokens() + _agent.MaxOutputTokens, ProjectedCost());
            if (breach is { } b)
            {
                return await TakeFallbackAsync(activity, b, cancellationToken);
            }

            var turn = await CallModelAsync(options, cancellationToken);
            if (turn.FailureKind is { } failure)
            {
                return failure == ModelFailureKind.ContextLengthExceeded
                    ? Finish(activity, AgentStatus.Failed, StopReason.ContextWindowExceeded, turn.FailureMessage!)
                    : Finish(activity, AgentStatus.Failed, StopReason.ModelFailed, $"The model call failed ({failure}): {turn.FailureMessage}");
            }

            var response = turn.Response!;
            _messages.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                var answer = await CheckOutputAsync(response.Text, cancellationToken);
                if (answer.Problems.Count == 0)
                {
                    return Finish(activity, AgentStatus.Succeeded, StopReason.Completed, "The agent produced a validated answer.", answer);
                }

                _outputProblems.AddRange(answer.Problems);
                if (_corrections >= _agent.MaxOutputCorrections)
                {
                    return Finish(activity, AgentStatus.Failed, StopReason.OutputRejected, $"The answer still failed validation after {_corrections} correction(s): {answer.Problems[0]}");
                }

                _corrections++;
                _repairing = true;
                _messages.Add(new ChatMessage(ChatRole.User, CorrectionPrompt(answer.Problems)));
                continue;
            }

            var stop = await RunToolCallsAsync(activity, calls, cancellationToken);
            if (stop is not null)
            {
                return stop;
            }
        }
    }

    private async Task<AgentResult?> RunToolCallsAsync(Activity? activity, List<FunctionCallContent> calls, CancellationToken cancellationToken)
    {
        _repairing = false;
        for (var i = 0; i < calls.Count; i++)
        {
            var breach = _budget.CheckBeforeToolCall();
            if (breach is { } b)
            {
                AnswerSkipped(calls, i, "not run: the run's budget was reached");
                return await TakeFallbackAsync(activity, b, cancellationToken);
            }

            _budget.AddToolCall();
            var record = await InvokeToolAsync(calls[i], cancellationToken);
            Notify(o => o.OnToolCall(_runId, _agent.Name, record));
            _messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(calls[i].CallId, record.ModelText)]));
            if (record.Error is null)
            {
                continue;
            }

            _repairing = true;
            switch (record.Error.Kind)
            {
                case ToolErrorKind.RepeatedCall:
                    return Finish(activity, AgentStatus.Failed, StopReason.LoopDetected, $"Loop detected: '{record.ToolName}' was called again with identical arguments.");
                case ToolErrorKind.ApprovalRequired when IsPending(record.Error):
                    AnswerSkipped(calls, i + 1, "not run: the run is waiting for approval");
                    return Finish(activity, AgentStatus.NeedsHuman, StopReason.ApprovalRequired, $"'{record.ToolName}' needs a human's approval.", pending: PendingApprovalOf(record));
            }
        }

        return null;
    }

    // Journaled when the run is durable: on replay the recorded outcome returns and the tool does not act again.
    private async Task<ToolCallRecord> InvokeToolAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        if (_request.Journal is not { } journal)
        {
            return await _guard.InvokeAsync(call, cancellationToken);
        }

        var sequence = _guard.Trail.Count + 1;
        var json = await journal.RecordAsync(
            $"tool:{sequence}",
            async ct =>
            {
                _liveWork++;
                return JsonSerializer.Serialize(await _guard.InvokeAsync(call, ct), AgentJournalJson.Options);
            },
            cancellationToken);
        var record = JsonSerializer.Deserialize<ToolCallRecord>(json, AgentJournalJson.Options)!;
        if (_guard.Trail.Count < sequence)
        {
            _guard.Restore(record);
        }

        return _guard.Trail[sequence - 1];
    }

    private async Task<GuardrailRejection?> CheckInputAsync(CancellationToken cancellationToken)
    {
        var input = new GuardrailInput(_agent.Name, _request.Input ?? string.Empty, _request.Metadata);
        foreach (var guardrail in _agent.InputGuardrails)
        {
            GuardrailVerdict verdict;
            try
            {
                verdict = await guardrail.EvaluateAsync(input, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A broken guardrail must fail closed: the request is not checked, so it does not run. Only the
                // caller's cancellation propagates; a guardrail's own timeout (an HttpClient's TaskCanceledException) is a failure.
                verdict = GuardrailVerdict.Reject(guardrail.Name, "guardrail_error", $"The guardrail failed: {ex.GetType().Name}.");
            }

            if (verdict.Rejection is { } rejection)
            {
                ForemanMetrics.GuardrailRejections.Add(1, new KeyValuePair<string, object?>(GenAIAttributes.AgentName, _agent.Name), new KeyValuePair<string, object?>("foreman.guardrail", rejection.Guardrail));
                Activity.Current?.AddEvent(new ActivityEvent("foreman.guardrail.rejected", tags: new ActivityTagsCollection
                {
                    ["foreman.guardrail"] = rejection.Guardrail,
                    ["foreman.guardrail.code"] = rejection.Code,
                }));
                Notify(o => o.OnGuardrailRejected(_runId, _agent.Name, rejection));
                return rejection;
            }
        }

        return null;
    }

    // Every tool call the model made must be answered before the next model call, even those that will not run.
    private void AnswerSkipped(List<FunctionCallContent> calls, int from, string reason)
    {
        var text = JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal) { ["status"] = reason });
        for (var j = from; j < calls.Count; j++)
        {
            _messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(calls[j].CallId, text)]));
        }
    }

    private static bool IsPending(ToolError error) =>
        error.Details?.TryGetValue("status", out var status) == true && string.Equals(status as string, nameof(ToolApprovalStatus.Pending), StringComparison.Ordinal);

    private ToolApprovalRequest PendingApprovalOf(ToolCallRecord record)
    {
        var effect = _agent.Tools.TryGet(record.ToolName, out var tool) ? tool.Effect : ToolEffect.None;
        return new ToolApprovalRequest(_runId, _agent.Name, record.ToolName, effect, record.Arguments, (string)record.Error!.Details!["action_hash"]!);
    }

    private void Notify(Action<IAgentObserver> notify)
    {
        foreach (var observer in _runtime.Observers)
        {
            try
            {
                notify(observer);
            }
            catch (Exception ex)
            {
                AgentLog.ObserverFailed(_runtime.Logger, observer.GetType().Name, ex);
            }
        }
    }
}
