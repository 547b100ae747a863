using System.Runtime.CompilerServices;
using Foreman.Models;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Foreman.Agents;

/// <summary>
/// One Polly pipeline per agent (and runtime, whose clock it uses) for model calls: retry transient failures with exponential backoff and jitter,
/// waiting at least as long as the provider's Retry-After; a timeout per attempt.
/// </summary>
internal sealed class ModelPipelines(TimeProvider timeProvider)
{
    private readonly ConditionalWeakTable<Agent, ResiliencePipeline<ChatResponse>> _pipelines = [];

    public ResiliencePipeline<ChatResponse> For(Agent agent) =>
        _pipelines.GetValue(agent, a => Build(a, timeProvider));

    private static ResiliencePipeline<ChatResponse> Build(Agent agent, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<ChatResponse> { TimeProvider = timeProvider, Name = agent.Name };
        if (agent.ModelRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ChatResponse>
            {
                MaxRetryAttempts = agent.ModelRetries,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is ModelCallException { IsTransient: true } or TimeoutRejectedException or HttpRequestException),
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Exception is ModelCallException { RetryAfter: { } after } ? (TimeSpan?)after : null),
            });
        }

        builder.AddTimeout(agent.ModelCallTimeout);
        return builder.Build();
    }
}
