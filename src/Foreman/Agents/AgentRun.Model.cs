using System.Diagnostics;
using System.Text.Json;
using Foreman.Models;
using Foreman.Telemetry;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Timeout;

namespace Foreman.Agents;

/// <summary>Model calls: throttling, retries with backoff that honour Retry-After, fallback model, usage and cost.</summary>
internal sealed partial class AgentRun
{
    private async Task<ModelTurn> CallModelAsync(ChatOptions options, CancellationToken cancellationToken)
    {
        var index = ++_modelTurns;
        var turn = _request.Journal is { } journal
            ? JsonSerializer.Deserialize<ModelTurn>(
                await journal.RecordAsync($"model:{index}", async ct =>
                {
                    _liveWork++;
                    return JsonSerializer.Serialize(await CallModelWithFallbackAsync(options, ct), AgentJournalJson.Options);
                }, cancellationToken),
                AgentJournalJson.Options)!
            : await CallModelWithFallbackAsync(options, cancellationToken);

        // Accounting happens here, outside the journaled call, so a replay restores usage, cost and budgets too.
        Account(turn.Calls);

        _model = _runtime.Router.Catalog.TryGet(turn.ModelId, out var known) ? known : _model;
        _usingFallback |= _agent.FallbackModel is not null && string.Equals(turn.ModelId, _agent.FallbackModel, StringComparison.Ordinal) && turn.FailureKind is null;
        return turn;
    }

    private void Account(IEnumerable<ModelCallRecord> calls)
    {
        foreach (var call in calls)
        {
            _modelCalls.Add(call);
            if (call.TotalTokens > 0 || call.Cost > 0)
            {
                _budget.AddModelCall(call.TotalTokens, call.Cost);
            }

            Notify(o => o.OnModelCall(_runId, _agent.Name, call));
        }
    }

    private async Task<ModelTurn> CallModelWithFallbackAsync(ChatOptions options, CancellationToken cancellationToken)
    {
        // Once the fallback model had to take over, later turns go straight to it instead of failing again first.
        var turn = await CallModelAsync(_usingFallback ? _agent.FallbackModel : _agent.Model, options, cancellationToken);
        if (turn.FailureKind is { } kind and not ModelFailureKind.ContextLengthExceeded && _agent.FallbackModel is { } fallback
            && !string.Equals(fallback, turn.ModelId, StringComparison.Ordinal))
        {
            AgentLog.FallbackModel(_runtime.Logger, _agent.Name, _runId, turn.ModelId, fallback, kind);
            var second = await CallModelAsync(fallback, options, cancellationToken);
            return second with { Calls = [.. turn.Calls, .. second.Calls] };
        }

        return turn;
    }

    private async Task<ModelTurn> CallModelAsync(string? modelId, ChatOptions options, CancellationToken cancellationToken)
    {
        IChatClient client;
        try
        {
            (_model, client) = _runtime.Router.Resolve(modelId, _agent.Tier);
        }
        catch (InvalidOperationException ex)
        {
            return ModelTurn.Failed(ModelFailureKind.InvalidRequest, ex.Message, modelId ?? _agent.Tier.ToString(), []);
        }

        var promptTokens = EstimatePromptTokens();
        var utilization = (double)(promptTokens + _agent.MaxOutputTokens) / _model.ContextWindow;
        ForemanMetrics.ContextUtilization.Record(utilization, new KeyValuePair<string, object?>(GenAIAttributes.RequestModel, _model.Id));
        if (promptTokens + _agent.MaxOutputTokens > _model.ContextWindow)
        {
            return ModelTurn.Failed(ModelFailureKind.ContextLengthExceeded,
                $"The prompt (about {promptTokens} tokens) plus the completion budget exceeds {_model.Id}'s context window of {_model.ContextWindow} tokens.", _model.Id, []);
        }

        var throttle = _runtime.ThrottleFor(_agent);
        if (!await throttle.AcquireAsync(promptTokens + _agent.MaxOutputTokens, _runtime.RateLimitMaxWait, _runtime.TimeProvider, cancellationToken))
        {
            return ModelTurn.Failed(ModelFailureKind.RateLimited, $"Agent '{_agent.Name}' is at its own requests- or tokens-per-minute limit.", _model.Id, []);
        }

        options.ModelId = _model.Id;
        var attempt = new ModelAttempt(this, client, _model, options);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        Outcome<ChatResponse> outcome;
        try
        {
            outcome = await _runtime.ModelPipelines.For(_agent).ExecuteOutcomeAsync(AttemptAsync, context, attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is { } exception)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The run ends here (time limit or caller): the attempts made still belong in its record.
                Account(attempt.Calls);
                cancellationToken.ThrowIfCancellationRequested();
            }

            var failure = exception switch
            {
                ModelCallException known => known,
                TimeoutRejectedException => new ModelCallException(ModelFailureKind.Timeout, $"The model did not answer within {_agent.ModelCallTimeout.TotalSeconds:0.#} s.", innerException: exception),
                _ => new ModelCallException(ModelFailureKind.Unknown, $"{exception.GetType().Name}: {exception.Message}", innerException: exception),
            };
            return ModelTurn.Failed(failure.Kind, failure.Message, _model.Id, attempt.Calls);
        }

        return new ModelTurn(outcome.Result, null, null, _model.Id, attempt.Calls);
    }

    private static async ValueTask<Outcome<ChatResponse>> AttemptAsync(ResilienceContext context, ModelAttempt attempt)
    {
        var run = attempt.Run;
        var time = run._runtime.TimeProvider;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var isRetry = attempt.Count++ > 0 || run._repairing;
        using var activity = ForemanTelemetry.Source.StartActivity($"chat {attempt.Model.Id}", ActivityKind.Client);
        activity?.SetTag(GenAIAttributes.OperationName, "chat");
        activity?.SetTag(GenAIAttributes.RequestModel, attempt.Model.Id);
        activity?.SetTag(GenAIAttributes.AgentName, run._agent.Name);
        activity?.SetTag(GenAIAttributes.Attempts, attempt.Count);
        if (activity is not null)
        {
            activity.SetTag(GenAIAttributes.Retry, isRetry);
            activity.SetTag(GenAIAttributes.RequestMaxTokens, attempt.Options.MaxOutputTokens);
            activity.SetTag(GenAIAttributes.RequestTemperature, attempt.Options.Temperature);
            activity.SetTag(GenAIAttributes.ProviderName, attempt.Client.GetService<ChatClientMetadata>()?.ProviderName);
            if (run._runtime.RecordSensitiveData)
            {
                activity.SetTag(GenAIAttributes.InputMessages, MessagesJson(run._messages));
            }
        }
        try
        {
            var response = await attempt.Client.GetResponseAsync(run._messages, attempt.Options, context.CancellationToken);
            attempt.Calls.Add(run.RecordSuccess(response, attempt.Model, startedAt, time.GetElapsedTime(started), isRetry, activity));
            return Outcome.FromResult(response);
        }
        catch (OperationCanceledException ex) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The client gave up on its own (its HTTP timeout): a transient timeout, not the caller's cancellation.
            var timeout = new ModelCallException(ModelFailureKind.Timeout, "The model client timed out.", innerException: ex);
            attempt.Calls.Add(run.RecordFailure(timeout, attempt.Model, startedAt, time.GetElapsedTime(started), isRetry, activity));
            return Outcome.FromException<ChatResponse>(timeout);
        }
        catch (Exception ex)
        {
            attempt.Calls.Add(run.RecordFailure(ex, attempt.Model, startedAt, time.GetElapsedTime(started), isRetry, activity));
            return Outcome.FromException<ChatResponse>(ex);
        }
    }

    private ModelCallRecord RecordSuccess(ChatResponse response, ModelInfo model, DateTimeOffset startedAt, TimeSpan duration, bool isRetry, Activity? activity)
    {
        // Providers that omit usage are estimated, so budgets still hold against them.
        var input = Math.Max(0, response.Usage?.InputTokenCount ?? EstimatePromptTokens());
        var output = Math.Max(0, response.Usage?.OutputTokenCount ?? (response.Text.Length / 4) + 1);
        var cost = model.CostOf(input, output);
        var record = new ModelCallRecord(response.ModelId ?? model.Id, input, output, startedAt, duration, cost, isRetry);
        var modelTag = new KeyValuePair<string, object?>(GenAIAttributes.RequestModel, model.Id);
        var agentTag = new KeyValuePair<string, object?>(GenAIAttributes.AgentName, _agent.Name);
        ForemanMetrics.ModelCalls.Add(1, modelTag, new KeyValuePair<string, object?>("foreman.outcome", "ok"), agentTag);
        if (isRetry)
        {
            ForemanMetrics.ModelRetries.Add(1, modelTag, agentTag);
        }

        ForemanMetrics.TokenUsage.Add(input, modelTag, new KeyValuePair<string, object?>("gen_ai.token.type", "input"));
        ForemanMetrics.TokenUsage.Add(output, modelTag, new KeyValuePair<string, object?>("gen_ai.token.type", "output"));
        ForemanMetrics.ModelDuration.Record(duration.TotalSeconds, modelTag);
        ForemanMetrics.Cost.Add((double)cost, modelTag, new KeyValuePair<string, object?>(GenAIAttributes.AgentName, _agent.Name));
        if (activity is not null)
        {
            activity.SetTag(GenAIAttributes.ResponseModel, response.ModelId ?? model.Id);
            activity.SetTag(GenAIAttributes.InputTokens, input);
            activity.SetTag(GenAIAttributes.OutputTokens, output);
            activity.SetTag(GenAIAttributes.Cost, (double)cost);
            activity.SetTag(GenAIAttributes.FinishReasons, response.FinishReason?.Value);
            if (_runtime.RecordSensitiveData)
            {
                activity.SetTag(GenAIAttributes.OutputMessages, MessagesJson(response.Messages));
            }
        }

        return record;
    }

    private ModelCallRecord RecordFailure(Exception exception, ModelInfo model, DateTimeOffset startedAt, TimeSpan duration, bool isRetry, Activity? activity)
    {
        var record = new ModelCallRecord(model.Id, 0, 0, startedAt, duration, 0m, isRetry);
        var kind = exception is ModelCallException m ? m.Kind.ToString() : exception.GetType().Name;
        ForemanMetrics.ModelCalls.Add(1, new KeyValuePair<string, object?>(GenAIAttributes.RequestModel, model.Id), new KeyValuePair<string, object?>("foreman.outcome", kind), new KeyValuePair<string, object?>(GenAIAttributes.AgentName, _agent.Name));
        if (isRetry)
        {
            ForemanMetrics.ModelRetries.Add(1, new KeyValuePair<string, object?>(GenAIAttributes.RequestModel, model.Id), new KeyValuePair<string, object?>(GenAIAttributes.AgentName, _agent.Name));
        }

        activity?.SetTag(GenAIAttributes.ErrorType, kind);
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        return record;
    }

    // Only with RecordSensitiveData: role and text of each message, tool calls by name and arguments.
    private static string MessagesJson(IEnumerable<ChatMessage> messages) => JsonSerializer.Serialize(messages.Select(m => new
    {
        role = m.Role.Value,
        content = m.Text,
        tool_calls = m.Contents.OfType<FunctionCallContent>().Select(c => new { name = c.Name, arguments = c.Arguments }).ToList(),
    }));

    private ChatOptions ChatOptionsFor(bool withTools)
    {
        var options = new ChatOptions
        {
            Temperature = _agent.Temperature,
            MaxOutputTokens = _agent.MaxOutputTokens,
        };
        // Tools the agent may not use are not offered; if the model names one anyway, the guard blocks it.
        var offered = _agent.Tools.Tools.Where(t => (t.Effect & ~_agent.AllowedEffects) == Tools.ToolEffect.None).Select(t => (AITool)t.Declaration).ToList();
        if (offered.Count > 0)
        {
            // Without tools the tools stay declared but may not be called: providers refuse a history that holds
            // tool calls when the request declares no tools.
            options.Tools = offered;
            options.ToolMode = withTools ? ChatToolMode.Auto : ChatToolMode.None;
        }

        if (_agent.OutputSchema is { } schema)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.Source, "output");
        }

        return options;
    }

    private string SystemPrompt()
    {
        if (_agent.OutputSchema is null)
        {
            return _agent.Instructions;
        }

        return $"""
            {_agent.Instructions}

            When you have the answer, reply with one JSON object and nothing else. It must satisfy this JSON Schema:
            {_agent.OutputSchema.Source.GetRawText()}
            Use only values you read in the request or in tool results; never invent identifiers or amounts.
            """;
    }

    private long EstimatePromptTokens()
    {
        long characters = 0;
        foreach (var message in _messages)
        {
            foreach (var content in message.Contents)
            {
                characters += content switch
                {
                    TextContent text => text.Text.Length,
                    FunctionResultContent result => result.Result?.ToString()?.Length ?? 0,
                    FunctionCallContent call => call.Name.Length + 16 + (call.Arguments?.Count ?? 0) * 24,
                    _ => 16,
                };
            }
        }

        foreach (var tool in _agent.Tools.Tools)
        {
            characters += tool.Name.Length + tool.Description.Length + tool.ArgumentsSchema.Source.GetRawText().Length;
        }

        // About four characters a token for English and JSON; per-message overhead of a few tokens.
        return (characters / 4) + (_messages.Count * 4);
    }

    private decimal ProjectedCost()
    {
        var model = _model ?? (_agent.Model is { } id && _runtime.Router.Catalog.TryGet(id, out var known) ? known : _runtime.Router.Catalog.DefaultFor(_agent.Tier));
        return model?.CostOf(EstimatePromptTokens(), _agent.MaxOutputTokens) ?? 0m;
    }

    /// <summary>The outcome of one model turn (retries and fallback included), as journaled.</summary>
    internal sealed record ModelTurn(ChatResponse? Response, ModelFailureKind? FailureKind, string? FailureMessage, string ModelId, IReadOnlyList<ModelCallRecord> Calls)
    {
        public static ModelTurn Failed(ModelFailureKind kind, string message, string modelId, IReadOnlyList<ModelCallRecord> calls) => new(null, kind, message, modelId, calls);
    }

    private sealed class ModelAttempt(AgentRun run, IChatClient client, ModelInfo model, ChatOptions options)
    {
        public AgentRun Run { get; } = run;

        public IChatClient Client { get; } = client;

        public ModelInfo Model { get; } = model;

        public ChatOptions Options { get; } = options;

        public int Count { get; set; }

        public List<ModelCallRecord> Calls { get; } = [];
    }
}
