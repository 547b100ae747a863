using System.Diagnostics;
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
        var turn = await CallModelAsync(_agent.Model, options, cancellationToken);
        if (turn.Failure is { Kind: not ModelFailureKind.ContextLengthExceeded } && _agent.FallbackModel is { } fallback
            && !string.Equals(fallback, _model?.Id, StringComparison.Ordinal))
        {
            AgentLog.FallbackModel(_runtime.Logger, _agent.Name, _runId, _model?.Id ?? "?", fallback, turn.Failure.Kind);
            turn = await CallModelAsync(fallback, options, cancellationToken);
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
            return new ModelTurn(null, new ModelCallException(ModelFailureKind.InvalidRequest, ex.Message));
        }

        var promptTokens = EstimatePromptTokens();
        var utilization = (double)(promptTokens + _agent.MaxOutputTokens) / _model.ContextWindow;
        ForemanMetrics.ContextUtilization.Record(utilization, new KeyValuePair<string, object?>(GenAIAttributes.RequestModel, _model.Id));
        if (promptTokens + _agent.MaxOutputTokens > _model.ContextWindow)
        {
            return new ModelTurn(null, new ModelCallException(ModelFailureKind.ContextLengthExceeded,
                $"The prompt (about {promptTokens} tokens) plus the completion budget exceeds {_model.Id}'s context window of {_model.ContextWindow} tokens."));
        }

        var throttle = _runtime.ThrottleFor(_agent);
        if (!await throttle.AcquireAsync(promptTokens + _agent.MaxOutputTokens, _runtime.RateLimitMaxWait, _runtime.TimeProvider, cancellationToken))
        {
            return new ModelTurn(null, new ModelCallException(ModelFailureKind.RateLimited, $"Agent '{_agent.Name}' is at its own requests- or tokens-per-minute limit."));
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
            cancellationToken.ThrowIfCancellationRequested();
            return new ModelTurn(null, exception switch
            {
                ModelCallException known => known,
                TimeoutRejectedException => new ModelCallException(ModelFailureKind.Timeout, $"The model did not answer within {_agent.ModelCallTimeout.TotalSeconds:0.#} s.", innerException: exception),
                _ => new ModelCallException(ModelFailureKind.Unknown, $"{exception.GetType().Name}: {exception.Message}", innerException: exception),
            });
        }

        return new ModelTurn(outcome.Result, null);
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
        try
        {
            var response = await attempt.Client.GetResponseAsync(run._messages, attempt.Options, context.CancellationToken);
            run.RecordSuccess(response, attempt.Model, startedAt, time.GetElapsedTime(started), isRetry, activity);
            return Outcome.FromResult(response);
        }
        catch (Exception ex)
        {
            run.RecordFailure(ex, attempt.Model, startedAt, time.GetElapsedTime(started), isRetry, activity);
            return Outcome.FromException<ChatResponse>(ex);
        }
    }

    private void RecordSuccess(ChatResponse response, ModelInfo model, DateTimeOffset startedAt, TimeSpan duration, bool isRetry, Activity? activity)
    {
        // Providers that omit usage are estimated, so budgets still hold against them.
        var input = Math.Max(0, response.Usage?.InputTokenCount ?? EstimatePromptTokens());
        var output = Math.Max(0, response.Usage?.OutputTokenCount ?? (response.Text.Length / 4) + 1);
        var cost = model.CostOf(input, output);
        var record = new ModelCallRecord(response.ModelId ?? model.Id, input, output, startedAt, duration, cost, isRetry);
        _modelCalls.Add(record);
        _budget.AddModelCall(input + output, cost);
        var modelTag = new KeyValuePair<string, object?>(GenAIAttributes.RequestModel, model.Id);
        ForemanMetrics.ModelCalls.Add(1, modelTag, new KeyValuePair<string, object?>("foreman.outcome", "ok"));
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
        }

        Notify(o => o.OnModelCall(_runId, _agent.Name, record));
    }

    private void RecordFailure(Exception exception, ModelInfo model, DateTimeOffset startedAt, TimeSpan duration, bool isRetry, Activity? activity)
    {
        var record = new ModelCallRecord(model.Id, 0, 0, startedAt, duration, 0m, isRetry);
        _modelCalls.Add(record);
        var kind = exception is ModelCallException m ? m.Kind.ToString() : exception.GetType().Name;
        ForemanMetrics.ModelCalls.Add(1, new KeyValuePair<string, object?>(GenAIAttributes.RequestModel, model.Id), new KeyValuePair<string, object?>("foreman.outcome", kind));
        activity?.SetTag(GenAIAttributes.ErrorType, kind);
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        Notify(o => o.OnModelCall(_runId, _agent.Name, record));
    }

    private ChatOptions ChatOptionsFor(bool withTools)
    {
        var options = new ChatOptions
        {
            Temperature = _agent.Temperature,
            MaxOutputTokens = _agent.MaxOutputTokens,
        };
        if (withTools)
        {
            // Tools the agent may not use are not offered; if the model names one anyway, the guard blocks it.
            var offered = _agent.Tools.Tools.Where(t => (t.Effect & ~_agent.AllowedEffects) == Tools.ToolEffect.None).Select(t => (AITool)t.Declaration).ToList();
            if (offered.Count > 0)
            {
                options.Tools = offered;
                options.ToolMode = ChatToolMode.Auto;
            }
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

    private sealed record ModelTurn(ChatResponse? Response, ModelCallException? Failure);

    private sealed class ModelAttempt(AgentRun run, IChatClient client, ModelInfo model, ChatOptions options)
    {
        public AgentRun Run { get; } = run;

        public IChatClient Client { get; } = client;

        public ModelInfo Model { get; } = model;

        public ChatOptions Options { get; } = options;

        public int Count { get; set; }
    }
}
