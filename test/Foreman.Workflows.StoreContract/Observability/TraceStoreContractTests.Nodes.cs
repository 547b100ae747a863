using Foreman.Telemetry;
using Foreman.Tracing;

namespace Foreman.Workflows.StoreContract.Observability;

/// <summary>Two nodes writing one run's trace at once: no increment is lost, none is counted twice.</summary>
public abstract partial class TraceStoreContractTests
{
    /// <summary>Two nodes appending to one run at once lose no increment and count no span twice.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Append_TwoNodesAtOnce_ToOneRun_EverySpanCountedExactlyOnce()
    {
        var first = await CreateStoreAsync();
        var second = await OpenSameDatabaseAsync();
        const int Batches = 40;

        // Each batch: a new agent invocation with its model call, and a span both nodes send (the resent batch of a
        // worker that took the run over after its lease expired); the nodes alternate, every batch goes out at once.
        var shared = Span("run-1", "shared", GenAIOperations.Chat, T0, attributes: [(GenAIAttributes.AgentName, "reader"), (GenAIAttributes.InputTokens, "1")]);
        var writes = Enumerable.Range(0, Batches).Select(i =>
        {
            var store = i % 2 == 0 ? first : second;
            var agent = i % 3 == 0 ? "reader" : $"agent-{i % 2}";
            var invocation = Span("run-1", $"agent-{i:D3}", GenAIOperations.InvokeAgent, T0.AddSeconds(i), attributes:
                [(GenAIAttributes.AgentName, agent), (GenAIAttributes.AgentStatus, "Succeeded"), (GenAIAttributes.Confidence, (0.5 + (i / 100.0)).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            var call = Span("run-1", $"chat-{i:D3}", GenAIOperations.Chat, T0.AddSeconds(i), parent: invocation.SpanId, attributes:
                [(GenAIAttributes.AgentName, agent), (GenAIAttributes.InputTokens, "10"), (GenAIAttributes.Cost, "0.001")]);
            return Task.Run(() => store.AppendAsync([call, shared, invocation], Ct));
        });
        await Task.WhenAll(writes);

        var run = (await first.GetRunAsync("run-1", Ct)).ShouldNotBeNull();
        run.Spans.ShouldBe((2 * Batches) + 1);
        run.AgentInvocations.ShouldBe(Batches);
        run.ModelCalls.ShouldBe(Batches + 1);
        run.InputTokens.ShouldBe((Batches * 10) + 1);
        run.Cost.ShouldBe(Batches * 0.001m);
        run.MinConfidence.ShouldBe(0.5);
        (run.StartedAt, run.EndedAt).ShouldBe((T0, T0.AddSeconds(Batches)));
        run.Agents.ShouldBe(["agent-0", "agent-1", "reader"]);
        (await second.GetSpansAsync("run-1", Ct)).Count.ShouldBe((2 * Batches) + 1);
    }

    /// <summary>Two nodes appending to the same runs in opposite orders neither deadlock nor lose spans.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Append_TwoNodesAtOnce_ManyRunsInOpposingOrder_NoDeadlockNoLoss()
    {
        var first = await CreateStoreAsync();
        var second = await OpenSameDatabaseAsync();
        var runs = Enumerable.Range(0, 8).Select(i => $"run-{i}").ToList();

        // The nodes touch the same runs in opposite orders: a store that locked them in arrival order could deadlock.
        IReadOnlyList<TraceSpan> Batch(IEnumerable<string> order, string node, int round) =>
            order.Select(r => Span(r, $"{node}-{round}", GenAIOperations.Chat, T0.AddSeconds(round), attributes: [(GenAIAttributes.InputTokens, "1")])).ToList();

        var writes = new List<Task>();
        for (var round = 0; round < 15; round++)
        {
            var r = round;
            writes.Add(Task.Run(() => first.AppendAsync(Batch(runs, "a", r), Ct)));
            writes.Add(Task.Run(() => second.AppendAsync(Batch(Enumerable.Reverse(runs), "b", r), Ct)));
        }

        await Task.WhenAll(writes);
        foreach (var runId in runs)
        {
            var run = (await first.GetRunAsync(runId, Ct)).ShouldNotBeNull();
            (run.Spans, run.ModelCalls, run.InputTokens).ShouldBe((30, 30, 30L), runId);
        }
    }
}
