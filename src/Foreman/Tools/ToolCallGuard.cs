using System.Diagnostics;
using System.Text.Json;
using Foreman.Resilience;
using Foreman.Telemetry;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Foreman.Tools;

/// <summary>
/// Runs every tool call of one agent run through the guards, in order: known tool → permission → argument
/// schema → repetition → approval → rate limit → circuit breaker, timeout and retry → result schema → trim.
/// A call that fails a guard never reaches the tool; every outcome, good or bad, is a value on the trail.
/// Not thread-safe: one run, one guard.
/// </summary>
internal sealed partial class ToolCallGuard
{
    /// <summary>The key under which providers keep the model's raw argument text on a <see cref="FunctionCallContent"/>.</summary>
    public const string RawArgumentsKey = "foreman.raw_arguments";

    // Duplicate names are refused: a reviewer or a log reader sees one value, the tool's deserializer takes another.
    private static readonly JsonDocumentOptions ArgumentParsing = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    private readonly ToolGuardSettings _settings;
    private readonly ToolResilienceCache _resilience;
    private readonly List<ToolCallRecord> _trail = [];

    public ToolCallGuard(ToolGuardSettings settings, ToolResilienceCache resilience)
    {
        _settings = settings;
        _resilience = resilience;
    }

    /// <summary>Gets every call made so far, in order.</summary>
    public IReadOnlyList<ToolCallRecord> Trail => _trail;

    /// <summary>Puts a call recorded by an earlier execution of this run back on the trail (durable replay).</summary>
    public void Restore(ToolCallRecord record) => _trail.Add(record);

    /// <summary>Guards and runs one call the model asked for.</summary>
    public ValueTask<ToolCallRecord> InvokeAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var raw = call.AdditionalProperties?.TryGetValue(RawArgumentsKey, out var value) == true ? value as string : null;
        if (raw is null && call.Exception is not null)
        {
            return InvokeAsync(call.CallId, call.Name, ParsedArguments.Invalid($"the arguments are not valid JSON ({call.Exception.Message})", null), cancellationToken);
        }

        var arguments = raw is not null ? Parse(raw) : FromDictionary(call.Arguments);
        return InvokeAsync(call.CallId, call.Name, arguments, cancellationToken);
    }

    /// <summary>Guards and runs one call given as raw argument text.</summary>
    public ValueTask<ToolCallRecord> InvokeAsync(string callId, string toolName, string rawArguments, CancellationToken cancellationToken) =>
        InvokeAsync(callId, toolName, Parse(rawArguments), cancellationToken);

    private async ValueTask<ToolCallRecord> InvokeAsync(string callId, string toolName, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var call = new CallInProgress(_trail.Count + 1, callId ?? string.Empty, toolName ?? string.Empty, arguments,
            $"{_settings.IdempotencyPrefix}:{_trail.Count + 1}", _settings.TimeProvider.GetUtcNow(), _settings.TimeProvider.GetTimestamp());
        using var activity = StartActivity(call);
        var record = await GuardAndRunAsync(call, cancellationToken);
        _trail.Add(record);
        Complete(activity, record, call);
        return record;
    }

    private async ValueTask<ToolCallRecord> GuardAndRunAsync(CallInProgress call, CancellationToken cancellationToken)
    {
        if (!_settings.Tools.TryGet(call.ToolName, out var tool))
        {
            ToolGuardLog.UnknownTool(_settings.Logger, _settings.AgentName, _settings.RunId, call.ToolName);
            var details = new Dictionary<string, object?>(StringComparer.Ordinal) { ["available_tools"] = _settings.Tools.Names };
            var suggestion = _settings.Tools.Suggest(call.ToolName);
            if (suggestion is not null)
            {
                details["did_you_mean"] = suggestion;
            }

            return Fail(call, new ToolError(ToolErrorKind.UnknownTool, $"There is no tool named '{Truncate(call.ToolName, 80)}'. Use one of: {string.Join(", ", _settings.Tools.Names)}.", false, details));
        }

        if ((tool.Effect & ~_settings.AllowedEffects) != ToolEffect.None)
        {
            ToolGuardLog.PermissionDenied(_settings.Logger, _settings.AgentName, _settings.RunId, tool.Name, tool.Effect, _settings.AllowedEffects);
            return Fail(call, new ToolError(ToolErrorKind.PermissionDenied, $"This agent may not use '{tool.Name}': it is a {tool.Effect} tool and the agent is allowed {_settings.AllowedEffects}. The call was blocked and reported.", false,
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["effect"] = tool.Effect.ToString(), ["allowed"] = _settings.AllowedEffects.ToString() }));
        }

        if (call.Arguments.Error is not null)
        {
            ToolGuardLog.InvalidArguments(_settings.Logger, _settings.AgentName, _settings.RunId, tool.Name, call.Arguments.Error);
            return Fail(call, InvalidArguments(tool, [call.Arguments.Error]));
        }

        if (!tool.ArgumentsSchema.IsValid(call.Arguments.Value))
        {
            var errors = tool.ArgumentsSchema.Validate(call.Arguments.Value).Errors.Select(e => $"{e.InstancePath}: {e.Message}").ToArray();
            ToolGuardLog.InvalidArguments(_settings.Logger, _settings.AgentName, _settings.RunId, tool.Name, string.Join("; ", errors));
            return Fail(call, InvalidArguments(tool, errors));
        }

        if (IsRepetition(tool.Name, call.Arguments.Value))
        {
            ToolGuardLog.RepeatedCall(_settings.Logger, _settings.AgentName, _settings.RunId, tool.Name);
            ForemanMetrics.LoopDetections.Add(1, new KeyValuePair<string, object?>(GenAIAttributes.AgentName, _settings.AgentName));
            return Fail(call, new ToolError(ToolErrorKind.RepeatedCall, $"'{tool.Name}' was called again with the same arguments; the run was interrupted to stop a loop.", false));
        }

        if (tool.RequiresApproval)
        {
            var refusal = await CheckApprovalAsync(tool, call, cancellationToken);
            if (refusal is not null)
            {
                return Fail(call, refusal);
            }
        }

        var resilience = _resilience.For(tool);
        if (resilience.Limiter is { } limiter && !await limiter.TakeAsync(1, _settings.RateLimitMaxWait, _settings.TimeProvider, cancellationToken))
        {
            return Fail(call, new ToolError(ToolErrorKind.RateLimited, $"'{tool.Name}' is at its limit of {limiter.PerMinute} calls per minute; try again later.", true));
        }

        return await ExecuteAsync(tool, resilience, call, cancellationToken);
    }

    private async ValueTask<ToolCallRecord> ExecuteAsync(ForemanTool tool, ToolResilience resilience, CallInProgress call, CancellationToken cancellationToken)
    {
        var invocation = new ToolInvocation(call.Arguments.Value, call.CallId, _settings.RunId, call.IdempotencyKey, _settings.AgentName, _settings.Services);
        var state = new Execution(tool, invocation);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        Outcome<JsonElement> outcome;
        try
        {
            outcome = await resilience.Pipeline.ExecuteOutcomeAsync(RunAttemptAsync, context, state);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is not null)
        {
            // The caller's cancellation ends the run; it is not a tool failure to show the model.
            cancellationToken.ThrowIfCancellationRequested();
            var error = ToError(tool, outcome.Exception);
            ToolGuardLog.ToolFailed(_settings.Logger, _settings.AgentName, _settings.RunId, tool.Name, error.Kind);
            return Fail(call, error, state.Attempts);
        }

        var result = outcome.Result;
        if (tool.ResultSchema is { } resultSchema && !resultSchema.IsValid(result))
        {
            ToolGuardLog.InvalidResult(_settings.Logger, _settings.RunId, tool.Name);
            var errors = resultSchema.Validate(result).Errors.Select(e => $"{e.InstancePath}: {e.Message}").ToArray();
            return Fail(call, new ToolError(ToolErrorKind.InvalidResult, $"'{tool.Name}' returned a result that failed its schema; it was withheld.", false,
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = errors }), state.Attempts);
        }

        var text = result.ValueKind == JsonValueKind.Undefined ? "null" : result.GetRawText();
        var (modelText, trimmed) = ToolResultTrimmer.Trim(text, tool.MaxResultCharacters);
        return new ToolCallRecord
        {
            Sequence = call.Sequence,
            CallId = call.CallId,
            ToolName = call.ToolName,
            Arguments = call.Arguments.Value,
            IdempotencyKey = call.IdempotencyKey,
            StartedAt = call.StartedAt,
            Duration = _settings.TimeProvider.GetElapsedTime(call.StartTimestamp),
            Attempts = state.Attempts,
            Result = result,
            ModelText = modelText,
            Trimmed = trimmed,
            OriginalLength = text.Length,
        };
    }

    private static async ValueTask<Outcome<JsonElement>> RunAttemptAsync(ResilienceContext context, Execution state)
    {
        state.Attempts++;
        state.Invocation.Attempt = state.Attempts;
        try
        {
            var pending = state.Tool.InvokeAsync(state.Invocation, context.CancellationToken);

            // The timeout cancels the token; WaitAsync makes it a hard timeout even for a tool that ignores it.
            var value = pending.IsCompleted ? pending.Result : await pending.AsTask().WaitAsync(context.CancellationToken);
            return Outcome.FromResult(value);
        }
        catch (Exception ex)
        {
            return Outcome.FromException<JsonElement>(ex);
        }
    }

    private async ValueTask<ToolError?> CheckApprovalAsync(ForemanTool tool, CallInProgress call, CancellationToken cancellationToken)
    {
        var hash = ActionHash.Compute(tool.Name, call.Arguments.Value);
        var decision = await _settings.ApprovalGate.RequestApprovalAsync(
            new ToolApprovalRequest(_settings.RunId, _settings.AgentName, tool.Name, tool.Effect, call.Arguments.Value, hash), cancellationToken);
        var details = new Dictionary<string, object?>(StringComparer.Ordinal) { ["action_hash"] = hash, ["status"] = decision.Status.ToString() };
        return decision.Status switch
        {
            ToolApprovalStatus.Approved when string.Equals(decision.ApprovedActionHash, hash, StringComparison.Ordinal) => null,
            ToolApprovalStatus.Approved => new ToolError(ToolErrorKind.PermissionDenied, $"The approval on record does not match this exact call of '{tool.Name}'; it was not run.", false, details),
            ToolApprovalStatus.Rejected => new ToolError(ToolErrorKind.ApprovalRequired, $"A reviewer rejected this call of '{tool.Name}': {decision.Reason ?? "no reason given"}.", false, details),
            _ => new ToolError(ToolErrorKind.ApprovalRequired, $"'{tool.Name}' needs a human's approval; the request is waiting for a reviewer.", false, details),
        };
    }

    private bool IsRepetition(string toolName, JsonElement arguments)
    {
        var identical = 0;
        for (var i = _trail.Count - 1; i >= 0; i--)
        {
            var previous = _trail[i];

            // A call the guard turned away for a while ("retryable, try again later") never ran: trying it again is
            // what the model was told to do, not a loop.
            if (previous.Error?.Kind is ToolErrorKind.RateLimited or ToolErrorKind.CircuitOpen)
            {
                continue;
            }

            var same = string.Equals(previous.ToolName, toolName, StringComparison.Ordinal)
                && previous.Arguments.ValueKind != JsonValueKind.Undefined
                && JsonElement.DeepEquals(previous.Arguments, arguments);
            // Repeating a call that failed as retryable is what the error invited the model to do; the total count still caps it.
            if (same && i == _trail.Count - 1 && previous.Error?.Retryable != true)
            {
                return true;
            }

            if (same && ++identical >= _settings.MaxIdenticalCalls - 1)
            {
                return true;
            }
        }

        return false;
    }

    private ToolError ToError(ForemanTool tool, Exception exception) => exception switch
    {
        BrokenCircuitException => new ToolError(ToolErrorKind.CircuitOpen, $"'{tool.Name}' is temporarily unavailable after repeated failures; continue without it or try later.", true),
        TimeoutRejectedException or TimeoutException => new ToolError(ToolErrorKind.Timeout, $"'{tool.Name}' did not answer within {tool.Timeout.TotalSeconds:0.###} s.", tool.Idempotent),
        ToolException failure => new ToolError(ToolErrorKind.Failed, Truncate(failure.Message, 500), failure.Retryable),
        _ => new ToolError(ToolErrorKind.Failed, $"'{tool.Name}' failed: {exception.GetType().Name}: {Truncate(exception.Message, 300)}", ToolResilience.IsTransient(exception)),
    };

    private static ToolError InvalidArguments(ForemanTool tool, string[] errors) =>
        new(ToolErrorKind.InvalidArguments, $"The arguments for '{tool.Name}' are invalid: {string.Join("; ", errors.Take(5))}. Fix them and call again; the tool did not run.", false,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = errors, ["schema"] = tool.ArgumentsSchema.Source });

    private ToolCallRecord Fail(CallInProgress call, ToolError error, int attempts = 0) => new()
    {
        Sequence = call.Sequence,
        CallId = call.CallId,
        ToolName = call.ToolName,
        Arguments = call.Arguments.Value,
        RawArguments = call.Arguments.Error is null ? null : call.Arguments.Raw,
        IdempotencyKey = call.IdempotencyKey,
        StartedAt = call.StartedAt,
        Duration = _settings.TimeProvider.GetElapsedTime(call.StartTimestamp),
        Attempts = attempts,
        Error = error,
        ModelText = error.ToModelJson(),
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
