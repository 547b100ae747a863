using Foreman.Agents;
using Foreman.Budgets;
using Foreman.Testing;
using Foreman.Tools;
using Microsoft.Extensions.AI;

namespace Foreman.Tests.Agents;

/// <summary>Budgets end the loop at their alert threshold (80% by default) and the agent's fallback decides how.</summary>
public sealed class AgentRuntimeBudgetTests
{
    /// <summary>A model that never stops looking things up while it has tools, and answers as soon as it has none.</summary>
    private static SimulatedTurn Investigator(SimulationTurnContext context, string finalAnswer) =>
        !context.ToolsAllowed
            ? SimulatedTurn.Final(finalAnswer)
            : SimulatedTurn.CallTool("lookup", $$"""{"id":"A{{context.Turn}}"}""");

    private static Agent AgentWith(BudgetFallback fallback, params ForemanTool[] tools)
    {
        var options = TestAgents.Options(tools);
        options.Limits.Fallback = fallback;
        return Agent.Create(options);
    }

    [Fact]
    public async Task RunAsync_IterationsReachEightyPercentWithEscalate_NeedsHumanAfterFourModelCalls()
    {
        var lookup = ToolProbe.Lookup();
        using var harness = new AgentHarness(new DelegateBehavior(c => Investigator(c, TestAgents.Answer("A4"))));

        var result = await harness.RunAsync(AgentWith(BudgetFallback.Escalate, lookup.Tool));

        result.Status.ShouldBe(AgentStatus.NeedsHuman);
        result.StopReason.ShouldBe(StopReason.BudgetEscalated);
        result.ModelCalls.Count.ShouldBe(4);
        lookup.CalledIds.ShouldBe(["A1", "A2", "A3", "A4"]);
        var alert = result.BudgetAlerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(BudgetKind.Iterations);
        alert.Used.ShouldBe(4);
        alert.Limit.ShouldBe(5);
        alert.Projected.ShouldBe(5);
        alert.Share.ShouldBe(0.8);
        alert.RunId.ShouldBe(result.RunId);
        alert.AgentName.ShouldBe("order-support");
        alert.At.ShouldBe(harness.Clock.GetUtcNow());
        result.Output.ShouldBeNull();
        result.Confidence.ShouldBe(0);
        result.StopDetail.ShouldContain("Iterations");
    }

    [Fact]
    public async Task RunAsync_IterationsReachEightyPercentWithSimplifiedAnswer_OneToolLessCallAnswersWithCappedConfidence()
    {
        var lookup = ToolProbe.Lookup();
        var answer = """{"order_id":"A4","status":"shipped","confidence":0.95}""";
        using var harness = new AgentHarness(new DelegateBehavior(c => Investigator(c, answer)));

        var result = await harness.RunAsync(AgentWith(BudgetFallback.SimplifiedAnswer, lookup.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.StopReason.ShouldBe(StopReason.BudgetSimplifiedAnswer);
        result.ModelCalls.Count.ShouldBe(5);
        lookup.Calls.Count.ShouldBe(4);
        result.Output.ShouldNotBeNull().GetProperty("order_id").GetString().ShouldBe("A4");
        result.ConfidenceReported.ShouldBeTrue();
        result.Confidence.ShouldBeLessThanOrEqualTo(0.6);
        result.Confidence.ShouldBe(0.6);
        result.BudgetAlerts.ShouldHaveSingleItem().Kind.ShouldBe(BudgetKind.Iterations);

        // The last request forbade tool calls (declared, tool mode none), and said why.
        var requests = harness.Requests;
        requests.Take(4).ShouldAllBe(r => r.ToolNames.Contains("lookup") && r.ToolMode is AutoChatToolMode);
        requests[4].ToolNames.ShouldBe(["lookup"]);
        requests[4].ToolMode.ShouldBeOfType<NoneChatToolMode>();
        requests[4].Last.Role.ShouldBe(ChatRole.User);
        requests[4].Last.Text.ShouldContain("Do not call any tool");
    }

    [Fact]
    public async Task RunAsync_SimplifiedAnswerFailsValidation_EscalatesWithTheProblemRecorded()
    {
        using var harness = new AgentHarness(new DelegateBehavior(c => Investigator(c, "I am not sure where the order is.")));

        var result = await harness.RunAsync(AgentWith(BudgetFallback.SimplifiedAnswer, ToolProbe.Lookup().Tool));

        result.Status.ShouldBe(AgentStatus.NeedsHuman);
        result.StopReason.ShouldBe(StopReason.BudgetEscalated);
        result.ModelCalls.Count.ShouldBe(5);
        result.OutputProblems.ShouldHaveSingleItem().ShouldContain("not a JSON object");
        result.Output.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_IterationsReachEightyPercentWithGracefulDecline_FailsWithTheDeclineText()
    {
        var lookup = ToolProbe.Lookup();
        using var harness = new AgentHarness(new DelegateBehavior(c => Investigator(c, TestAgents.Answer())));

        var result = await harness.RunAsync(AgentWith(BudgetFallback.GracefulDecline, lookup.Tool));

        result.Status.ShouldBe(AgentStatus.Failed);
        result.StopReason.ShouldBe(StopReason.BudgetDeclined);
        result.Text.ShouldNotBeNull().ShouldContain("could not complete this request");
        result.Output.ShouldBeNull();
        result.ModelCalls.Count.ShouldBe(4);
        lookup.Calls.Count.ShouldBe(4);
        result.BudgetAlerts.ShouldHaveSingleItem().Kind.ShouldBe(BudgetKind.Iterations);
    }

    [Fact]
    public async Task RunAsync_MaxIterationsRaised_LoopRunsUntilItsOwnEightyPercent()
    {
        var options = TestAgents.Options(ToolProbe.Lookup().Tool);
        options.Limits.MaxIterations = 10;
        using var harness = new AgentHarness(new DelegateBehavior(c => Investigator(c, TestAgents.Answer())));

        var result = await harness.RunAsync(Agent.Create(options));

        result.StopReason.ShouldBe(StopReason.BudgetEscalated);
        result.ModelCalls.Count.ShouldBe(8);
    }

    [Fact]
    public async Task RunAsync_ToolCallsReachEightyPercent_AlertMidTurnAndUnrunCallsAreStillAnswered()
    {
        var lookup = ToolProbe.Lookup();
        var options = TestAgents.Options(lookup.Tool);
        options.Limits.MaxToolCalls = 5;
        options.Limits.Fallback = BudgetFallback.SimplifiedAnswer;
        var script = Script.ToolCalls(Calls("A1", "B2", "C3"))
            .Then.ToolCalls(Calls("D4", "E5", "F6"))
            .Then.Final(TestAgents.Answer("D4"));
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(Agent.Create(options));

        result.StopReason.ShouldBe(StopReason.BudgetSimplifiedAnswer);
        lookup.CalledIds.ShouldBe(["A1", "B2", "C3", "D4"]);
        result.Trail.Count.ShouldBe(4);
        result.Usage.ToolCalls.ShouldBe(4);
        var alert = result.BudgetAlerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(BudgetKind.ToolCalls);
        alert.Used.ShouldBe(4);
        alert.Limit.ShouldBe(5);

        // Providers reject a conversation with an unanswered tool call: E5 and F6 are answered "not run".
        var last = harness.Requests[^1];
        var answers = last.ToolResults;
        last.ToolCalls.ShouldAllBe(c => answers.ContainsKey(c.CallId));
        answers[last.ToolCalls.Single(c => c.Arguments!["id"]!.ToString() == "E5").CallId].ShouldContain("not run");
    }

    [Fact]
    public async Task RunAsync_RunawayTokenTurn_TokenBudgetAlertEscalates()
    {
        var lookup = ToolProbe.Lookup();
        var script = Script.ToolCall("lookup", """{"id":"A1"}""").WithUsage(1_000, 90_000).Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.Status.ShouldBe(AgentStatus.NeedsHuman);
        result.StopReason.ShouldBe(StopReason.BudgetEscalated);
        var alert = result.BudgetAlerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(BudgetKind.Tokens);
        alert.Used.ShouldBe(91_000);
        alert.Limit.ShouldBe(100_000);
        result.Usage.TotalTokens.ShouldBe(91_000);
        result.ModelCalls.Count.ShouldBe(1);
        lookup.Calls.Count.ShouldBe(1);
        script.Remaining.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_TokenAlertWithSimplifiedAnswerAndRoomForOneMoreCall_AnswersWithoutTools()
    {
        var options = TestAgents.Options(ToolProbe.Lookup().Tool);
        options.Limits.Fallback = BudgetFallback.SimplifiedAnswer;
        var script = Script.ToolCall("lookup", """{"id":"A1"}""").WithUsage(1_000, 90_000).Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(Agent.Create(options));

        result.StopReason.ShouldBe(StopReason.BudgetSimplifiedAnswer);
        result.ModelCalls.Count.ShouldBe(2);
        harness.Requests[1].ToolMode.ShouldBeOfType<NoneChatToolMode>();
    }

    [Fact]
    public async Task RunAsync_TokenAlertWithSimplifiedAnswerButNoRoomForAnotherCall_EscalatesWithoutCallingTheModel()
    {
        var options = TestAgents.Options(ToolProbe.Lookup().Tool);
        options.Limits.Fallback = BudgetFallback.SimplifiedAnswer;
        var script = Script.ToolCall("lookup", """{"id":"A1"}""").WithUsage(1_000, 98_500).Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(Agent.Create(options));

        result.Status.ShouldBe(AgentStatus.NeedsHuman);
        result.StopReason.ShouldBe(StopReason.BudgetEscalated);
        result.StopDetail.ShouldContain("simplified answer failed");
        result.ModelCalls.Count.ShouldBe(1);
        script.Remaining.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_InjectedRunawayTokens_TokenBudgetAlertBeforeTheNextCall()
    {
        var script = Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script, FaultInjection.None with { RunawayTokenRate = 1, RunawayTokenMultiplier = 100_000 });

        var result = await harness.RunAsync(TestAgents.Create(ToolProbe.Lookup().Tool));

        harness.Model.Log[0].Has(InjectedFaults.RunawayTokens).ShouldBeTrue();
        result.StopReason.ShouldBe(StopReason.BudgetEscalated);
        result.BudgetAlerts.ShouldHaveSingleItem().Kind.ShouldBe(BudgetKind.Tokens);
        result.ModelCalls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_NextCallWouldPassTheTokenLimitBelowEightyPercent_AlertFiresBeforeTheCall()
    {
        var options = TestAgents.Options(ToolProbe.Lookup().Tool);
        options.Limits.MaxTokens = 5_000;
        options.MaxOutputTokens = 2_000;
        var script = Script.ToolCall("lookup", """{"id":"A1"}""").WithUsage(1_000, 2_000).Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(Agent.Create(options));

        var alert = result.BudgetAlerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(BudgetKind.Tokens);
        alert.Used.ShouldBe(3_000);
        alert.Share.ShouldBeLessThan(0.8);
        alert.Projected.ShouldBeGreaterThan(5_000);
        result.ModelCalls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_CostReachesEightyPercentOfTheCap_CostAlertAndDecline()
    {
        var options = TestAgents.Options(ToolProbe.Lookup().Tool);
        options.Limits.MaxCost = 0.05m;
        options.Limits.Fallback = BudgetFallback.GracefulDecline;

        // 2,000 prompt and 4,000 completion tokens of simulated-standard cost 0.005 + 0.04 = 0.045, 90% of the cap.
        var script = Script.ToolCall("lookup", """{"id":"A1"}""").WithUsage(2_000, 4_000).Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(Agent.Create(options));

        result.Status.ShouldBe(AgentStatus.Failed);
        result.StopReason.ShouldBe(StopReason.BudgetDeclined);
        result.Usage.Cost.ShouldBe(0.045m);
        var alert = result.BudgetAlerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(BudgetKind.Cost);
        alert.Used.ShouldBe(0.045, 1e-9);
        alert.Limit.ShouldBe(0.05, 1e-9);
        result.ModelCalls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_FirstCallAloneWouldPassTheCostCap_FallbackWithoutAnyModelCall()
    {
        // The first call may cost up to about 0.0103 (1,024 completion tokens at 10 per million, plus the prompt).
        var options = TestAgents.Options(ToolProbe.Lookup().Tool);
        options.Limits.MaxCost = 0.005m;
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()));

        var result = await harness.RunAsync(Agent.Create(options));

        result.StopReason.ShouldBe(StopReason.BudgetEscalated);
        result.BudgetAlerts.ShouldHaveSingleItem().Kind.ShouldBe(BudgetKind.Cost);
        result.ModelCalls.ShouldBeEmpty();
        harness.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_ToolUsesEightyPercentOfTheWallClock_TimeAlertBeforeTheNextModelCall()
    {
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()));
        var slow = new ToolProbe("lookup", (invocation, _) =>
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(100));
            return ValueTask.FromResult(ToolProbe.OrderFor(invocation.Arguments));
        }, new ToolOptions { Timeout = TimeSpan.FromMinutes(5) });

        var result = await harness.RunAsync(TestAgents.Create(slow.Tool));

        result.Status.ShouldBe(AgentStatus.NeedsHuman);
        result.StopReason.ShouldBe(StopReason.BudgetEscalated);
        var alert = result.BudgetAlerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(BudgetKind.Time);
        alert.Used.ShouldBe(100);
        alert.Limit.ShouldBe(120);
        result.ModelCalls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_ToolUsesSeventyFivePercentOfTheWallClock_NoAlert()
    {
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()));
        var slow = new ToolProbe("lookup", (invocation, _) =>
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(90));
            return ValueTask.FromResult(ToolProbe.OrderFor(invocation.Arguments));
        }, new ToolOptions { Timeout = TimeSpan.FromMinutes(5) });

        var result = await harness.RunAsync(TestAgents.Create(slow.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.BudgetAlerts.ShouldBeEmpty();
    }

    private static SimulatedToolCall[] Calls(params string[] ids) =>
        [.. ids.Select(id => new SimulatedToolCall("lookup", $$"""{"id":"{{id}}"}"""))];
}
