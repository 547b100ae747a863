using Foreman.Telemetry;
using Foreman.Tracing;

namespace Foreman.Workflows.StoreContract.Observability;

/// <summary>The trace query language against the store: every field, the time window, the limit and the order.</summary>
public abstract partial class TraceStoreContractTests
{
    /// <summary>Every query field finds exactly the runs the in-memory condition matches.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task QueryRuns_EachField_MatchesWhatTheInMemoryConditionMatches()
    {
        var store = await CreateStoreAsync();
        var shapes = new Dictionary<string, RunShape>
        {
            ["plain"] = new(),
            ["retried"] = new() { RetriedModelCall = true, ToolAttempts = 2 },
            ["costly"] = new() { Cost = 0.5m, Pipeline = "Refunds" },
            ["tool-error"] = new() { ToolOutcome = "error", Agent = "writer" },
            ["unsure"] = new() { Confidence = 0.41 },
            ["looping"] = new() { AgentStatus = "Failed", StopReason = "LoopDetected", Status = "failed" },
            ["invalid"] = new() { InvalidOutput = true, Status = null },
        };
        var start = T0;
        foreach (var (id, shape) in shapes)
        {
            await store.AppendAsync(Run(id, start, shape), Ct);
            start = start.AddMinutes(1);
        }

        // A run of a model call only: longer, more tokens, no agent span.
        await store.AppendAsync([Span("chatty", "c", GenAIOperations.Chat, start, TimeSpan.FromMinutes(2), null, (GenAIAttributes.InputTokens, "5000"))], Ct);
        await store.SetCorrectAsync("plain", true, Ct);
        await store.SetCorrectAsync("costly", false, Ct);

        string[] texts =
        [
            "retries > 0", "retries = 0", "cost > 0.1", "cost <= 0.002", "duration > 60", "duration < 11", "tool_errors >= 1", "confidence < 0.5",
            "confidence >= 0.9", "loops > 0", "tokens > 1000", "tokens = 300", "model_calls = 1", "model_calls != 2", "validation_failures > 0",
            "agent = writer", "agent != writer", "pipeline = refunds", "pipeline != REFUNDS", "status = COMPLETED", "status != completed",
            "correct = true", "correct = false", "correct = unknown", "correct != unknown",
        ];
        var all = new List<TraceRunSummary>();
        foreach (var id in shapes.Keys.Append("chatty"))
        {
            all.Add((await store.GetRunAsync(id, Ct)).ShouldNotBeNull());
        }

        foreach (var text in texts)
        {
            var query = TraceQueryParser.Parse(text, T0.AddDays(1)).Query.ShouldNotBeNull(text);
            var expected = all.Where(query.Matches).Select(r => r.RunId).Order(StringComparer.Ordinal).ToList();
            expected.ShouldNotBeEmpty($"'{text}' is meant to match something");
            var found = (await store.QueryRunsAsync(query, Ct)).Select(r => r.RunId).Order(StringComparer.Ordinal).ToList();
            found.ShouldBe(expected, $"'{text}'");
        }
    }

    /// <summary>The time window is [since, until), the limit holds, newest runs come first.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task QueryRuns_WindowAndLimit_NewestFirst()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(Run($"run-{i}", T0.AddMinutes(i)), Ct);
        }

        (await store.QueryRunsAsync(new TraceQuery(), Ct)).Select(r => r.RunId).ShouldBe(["run-4", "run-3", "run-2", "run-1", "run-0"]);
        (await store.QueryRunsAsync(new TraceQuery { Since = T0.AddMinutes(1), Until = T0.AddMinutes(3) }, Ct)).Select(r => r.RunId).ShouldBe(["run-2", "run-1"], "since is inclusive, until exclusive");
        (await store.QueryRunsAsync(new TraceQuery { Limit = 2 }, Ct)).Select(r => r.RunId).ShouldBe(["run-4", "run-3"]);
        var combined = new TraceQuery { Since = T0.AddMinutes(2), Conditions = [new TraceCondition(TraceField.ModelCalls, TraceOperator.Equal, "2")], Limit = 10 };
        (await store.QueryRunsAsync(combined, Ct)).Select(r => r.RunId).ShouldBe(["run-4", "run-3", "run-2"]);
    }

    /// <summary>Agent statistics count invocations, failures, loops, guardrail refusals, calls, retries and cost in (from, to], without replays or supervisors.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetAgentStats_CountsInvocationsCallsAndCostPerAgentInTheHalfOpenWindow()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Run("a", T0, new RunShape { Agent = "reader", RetriedModelCall = true, Cost = 0.004m }), Ct);
        await store.AppendAsync(Run("b", T0.AddMinutes(1), new RunShape { Agent = "reader", AgentStatus = "Failed", StopReason = "LoopDetected" }), Ct);
        await store.AppendAsync(Run("c", T0.AddMinutes(2), new RunShape { Agent = "writer", AgentStatus = "Failed", StopReason = "GuardrailRejected" }), Ct);

        // A replayed agent span is already counted; a supervisor's span names an agent but is no agent run.
        await store.AppendAsync(
        [
            Span("d", "replay", GenAIOperations.InvokeAgent, T0.AddMinutes(3), attributes: [(GenAIAttributes.AgentName, "reader"), (GenAIAttributes.AgentStatus, "Failed"), (GenAIAttributes.Replayed, "true")]),
            Span("d", "supervisor", GenAIOperations.InvokeAgent, T0.AddMinutes(3), attributes: [(GenAIAttributes.AgentName, "supervisor")]),
        ], Ct);

        var stats = await store.GetAgentStatsAsync(T0.AddSeconds(-1), T0.AddMinutes(10), Ct);

        stats.Select(s => s.Agent).ShouldBe(["reader", "writer"]);
        stats[0].ShouldBe(new AgentTraceStats("reader", 2, 1, 1, 0, 4, 1, 0.006m));
        stats[1].ShouldBe(new AgentTraceStats("writer", 1, 1, 0, 1, 2, 0, 0.002m));

        // (from, to]: the agent span of run "a" starts at T0 + 1 s.
        (await store.GetAgentStatsAsync(T0.AddSeconds(1), T0.AddSeconds(59), Ct)).Single().ShouldBe(new AgentTraceStats("reader", 0, 0, 0, 0, 2, 1, 0.004m));
        (await store.GetAgentStatsAsync(T0, T0.AddSeconds(1), Ct)).Single().Invocations.ShouldBe(1, "the end of the window is included");
        (await store.GetAgentStatsAsync(T0.AddHours(1), T0.AddHours(2), Ct)).ShouldBeEmpty();
    }
}
