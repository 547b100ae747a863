using System.Globalization;
using Foreman.Models;
using Microsoft.Extensions.AI;

namespace Foreman.Testing;

/// <summary>The simulation itself: latency, injected failures, the behaviour's turn, then misbehaviour on top.</summary>
public sealed partial class SimulatedChatClient
{
    private async Task<SimulatedOutcome> SimulateAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();

        // One snapshot per call, so a rate changed mid-call cannot give a half-old, half-new decision.
        var faults = Faults;
        var callNumber = Interlocked.Increment(ref _callCount);
        var sequence = _sequence.Next();
        var conversation = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var dice = new FaultDice(faults.Seed, _modelKey, callNumber);
        var startedAt = TimeProvider.GetUtcNow();
        var turnNumber = conversation.Count(m => m.Role == ChatRole.Assistant) + 1;
        var injected = InjectedFaults.None;

        var latency = faults.Latency;
        if (dice.Happens(FaultKind.LatencySpike, faults.LatencySpikeRate))
        {
            latency += faults.LatencySpike;
            injected |= InjectedFaults.LatencySpike;
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, TimeProvider, cancellationToken);
        }

        var record = new SimulatedCallRecord
        {
            CallNumber = callNumber,
            Sequence = sequence,
            ModelId = ModelId,
            Turn = turnNumber,
            StartedAt = startedAt,
            Latency = latency,
            Streaming = streaming,
        };

        // Failures come before the behaviour is asked, so a failed call does not consume a scripted turn.
        if (InjectedFailure(faults, dice, callNumber) is { } failure)
        {
            var kind = failure.Kind == ModelFailureKind.RateLimited ? InjectedFaults.RateLimited : InjectedFaults.ServerError;
            _log.Add(record with { Faults = injected | kind, StatusCode = failure.StatusCode });
            throw failure;
        }

        var conversationKey = StableHash.Combine((ulong)(uint)_seed, ConversationText.Hash(conversation));
        var context = new SimulationTurnContext(conversation, options, ModelId, callNumber, StableHash.ToSeed(conversationKey));
        var turn = Behavior.NextTurn(context)
            ?? throw new InvalidOperationException($"The simulated-model behaviour {Behavior.GetType().Name} returned no turn for call {callNumber}.");

        var text = turn.Text;
        var calls = turn.ToolCalls.ToList();
        var corruption = ArgumentCorruptions.None;

        if (dice.Happens(FaultKind.RepeatedCall, faults.RepeatedCallRate) && PreviousToolCall(conversation) is { } previous)
        {
            calls = [previous];
            text = null;
            injected |= InjectedFaults.RepeatedCall;
        }

        if (calls.Count > 0 && dice.Happens(FaultKind.MalformedArguments, faults.MalformedArgumentsRate))
        {
            var random = dice.RandomFor(FaultKind.MalformedArguments);
            var index = random.Next(calls.Count);
            var (raw, style) = ArgumentCorrupter.Corrupt(calls[index].ArgumentsJson, calls[index].Name, options, faults.ArgumentCorruptions, random);
            if (style != ArgumentCorruptions.None)
            {
                calls[index] = calls[index] with { ArgumentsJson = raw };
                corruption = style;
                injected |= InjectedFaults.MalformedArguments;
            }
        }

        if (calls.Count > 0 && dice.Happens(FaultKind.HallucinatedTool, faults.HallucinatedToolRate))
        {
            var random = dice.RandomFor(FaultKind.HallucinatedTool);
            var index = random.Next(calls.Count);
            var offered = context.Tools.Select(t => t.Name).Concat(calls.Select(c => c.Name));
            calls[index] = calls[index] with { Name = ToolNameInventor.Invent(calls[index].Name, offered, random) };
            injected |= InjectedFaults.HallucinatedTool;
        }

        if (calls.Count == 0 && !string.IsNullOrEmpty(text) && dice.Happens(FaultKind.WrongAnswer, faults.WrongAnswerRate)
            && AnswerPerturber.Perturb(text, faults.WrongAnswerDeviation, dice.RandomFor(FaultKind.WrongAnswer)) is { } wrong)
        {
            text = wrong;
            injected |= InjectedFaults.WrongAnswer;
        }

        // Ids come from the conversation, not the call number, so a replayed conversation gets the same ids.
        for (var i = 0; i < calls.Count; i++)
        {
            if (calls[i].CallId is null)
            {
                var id = StableHash.Combine(StableHash.Combine(conversationKey, _modelKey), (ulong)i);
                calls[i] = calls[i] with { CallId = "call_" + id.ToString("x12", CultureInfo.InvariantCulture)[..12] };
            }
        }

        var inputTokens = turn.InputTokens ?? EstimateTokens(ConversationText.PromptLength(conversation, options));
        var outputTokens = turn.OutputTokens ?? EstimateTokens((text?.Length ?? 0) + calls.Sum(c => (long)c.Name.Length + c.ArgumentsJson.Length));
        if (dice.Happens(FaultKind.RunawayTokens, faults.RunawayTokenRate))
        {
            outputTokens = (long)Math.Ceiling(Math.Max(1, outputTokens) * faults.RunawayTokenMultiplier);
            injected |= InjectedFaults.RunawayTokens;
        }

        var outcome = new SimulatedOutcome
        {
            ModelId = ModelId,
            ResponseId = string.Create(CultureInfo.InvariantCulture, $"sim-{ModelId}-{callNumber}"),
            CreatedAt = startedAt,
            Text = text,
            ToolCalls = calls,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
        };
        _log.Add(record with
        {
            Faults = injected,
            ArgumentCorruption = corruption,
            FinishReason = outcome.FinishReason,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            ToolCalls = calls,
            Text = text,
        });
        return outcome;
    }

    private ModelCallException? InjectedFailure(FaultInjection faults, FaultDice dice, long callNumber)
    {
        var rateLimited = dice.Happens(FaultKind.RateLimit, faults.RateLimitRate);
        var serverError = !rateLimited && dice.Happens(FaultKind.ServerError, faults.ServerErrorRate);
        if (!rateLimited && !serverError && dice.Happens(FaultKind.Error, faults.ErrorRate))
        {
            // The shorthand splits evenly between the two transient failures a real provider produces most.
            rateLimited = dice.RandomFor(FaultKind.Error).Next(2) == 0;
            serverError = !rateLimited;
        }

        if (rateLimited)
        {
            return new ModelCallException(
                ModelFailureKind.RateLimited,
                $"Simulated rate limit (HTTP 429) injected into call {callNumber} to '{ModelId}'.",
                statusCode: 429,
                retryAfter: faults.RateLimitRetryAfter);
        }

        if (serverError)
        {
            var status = dice.RandomFor(FaultKind.ServerError).Next(2) == 0 ? 500 : 503;
            return new ModelCallException(
                ModelFailureKind.ServerError,
                $"Simulated server error (HTTP {status}) injected into call {callNumber} to '{ModelId}'.",
                statusCode: status);
        }

        return null;
    }

    private static SimulatedToolCall? PreviousToolCall(IReadOnlyList<ChatMessage> conversation)
    {
        for (var i = conversation.Count - 1; i >= 0; i--)
        {
            if (conversation[i].Contents.OfType<FunctionCallContent>().LastOrDefault() is { } call)
            {
                // A fresh id: a real model repeating itself still issues a new call.
                return new SimulatedToolCall(call.Name, ConversationText.RawArguments(call));
            }
        }

        return null;
    }

    // About four characters a token, the usual rule of thumb for English text and JSON.
    private static long EstimateTokens(long characters) => Math.Max(1, (characters + 3) / 4);
}
