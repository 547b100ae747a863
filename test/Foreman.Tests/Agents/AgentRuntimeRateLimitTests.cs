using Foreman.Agents;
using Foreman.Testing;

namespace Foreman.Tests.Agents;

/// <summary>An agent's own model rate limits (requests and tokens per minute) hold across its runs.</summary>
public sealed class AgentRuntimeRateLimitTests
{
    [Fact]
    public async Task RunAsync_AgentOverItsRequestsPerMinute_StopsWithoutCallingTheModel()
    {
        using var harness = new AgentHarness(new DelegateBehavior(_ => SimulatedTurn.Final(TestAgents.Answer())), configure: o => o.RateLimitMaxWait = TimeSpan.Zero);
        var options = TestAgents.Options();
        options.RequestsPerMinute = 2;
        var agent = Agent.Create(options);

        var first = await harness.RunAsync(agent);
        var second = await harness.RunAsync(agent);
        var third = await harness.RunAsync(agent);

        first.Status.ShouldBe(AgentStatus.Succeeded);
        second.Status.ShouldBe(AgentStatus.Succeeded);
        third.Status.ShouldBe(AgentStatus.Failed);
        third.StopReason.ShouldBe(StopReason.ModelFailed);
        third.StopDetail.ShouldContain("requests- or tokens-per-minute");
        harness.Model.CallCount.ShouldBe(2, "the throttled run never reached the model");
    }

    [Fact]
    public async Task RunAsync_AfterAMinute_TheAgentMayCallAgain()
    {
        using var harness = new AgentHarness(new DelegateBehavior(_ => SimulatedTurn.Final(TestAgents.Answer())), configure: o => o.RateLimitMaxWait = TimeSpan.Zero);
        var options = TestAgents.Options();
        options.RequestsPerMinute = 1;
        var agent = Agent.Create(options);
        (await harness.RunAsync(agent)).Status.ShouldBe(AgentStatus.Succeeded);
        (await harness.RunAsync(agent)).Status.ShouldBe(AgentStatus.Failed);

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        (await harness.RunAsync(agent)).Status.ShouldBe(AgentStatus.Succeeded);
    }

    [Fact]
    public async Task RunAsync_AgentOverItsTokensPerMinute_IsThrottled()
    {
        using var harness = new AgentHarness(new DelegateBehavior(_ => SimulatedTurn.Final(TestAgents.Answer())), configure: o => o.RateLimitMaxWait = TimeSpan.Zero);
        var options = TestAgents.Options();
        options.MaxOutputTokens = 1_000;
        options.TokensPerMinute = 1_500;
        var agent = Agent.Create(options);

        var first = await harness.RunAsync(agent);
        var second = await harness.RunAsync(agent);

        first.Status.ShouldBe(AgentStatus.Succeeded);
        second.Status.ShouldBe(AgentStatus.Failed, "each call reserves its prompt plus completion budget against the agent's minute");
        harness.Model.CallCount.ShouldBe(1);
    }
}
