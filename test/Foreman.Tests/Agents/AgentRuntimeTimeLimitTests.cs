using Foreman.Agents;
using Foreman.Testing;
using Foreman.Tools;

namespace Foreman.Tests.Agents;

/// <summary>The hard wall-clock limit cancels whatever is in flight and ends the run with <see cref="StopReason.TimeLimit"/>.</summary>
public sealed class AgentRuntimeTimeLimitTests
{
    private static Agent AgentWithLimit(TimeSpan maxDuration, params ForemanTool[] tools)
    {
        var options = TestAgents.Options(tools);
        options.Limits.MaxDuration = maxDuration;
        options.ModelCallTimeout = TimeSpan.FromMinutes(10);
        return Agent.Create(options);
    }

    [Fact]
    public async Task RunAsync_ModelSlowerThanMaxDuration_StopsWithTimeLimitAtTheLimit()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()), FaultInjection.None with { Latency = TimeSpan.FromMinutes(1) });

        var result = await harness.RunDrivingClockAsync(AgentWithLimit(TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(1), maxSteps: 120);

        result.Status.ShouldBe(AgentStatus.Failed);
        result.StopReason.ShouldBe(StopReason.TimeLimit);
        result.StopDetail.ShouldContain("00:00:30");
        // At least the limit: on a busy thread pool the cancellation may finish a few fake-clock steps later.
        result.Duration.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
        var call = result.ModelCalls.ShouldHaveSingleItem();
        call.TotalTokens.ShouldBe(0);
        call.Cost.ShouldBe(0m);
        result.Output.ShouldBeNull();
        harness.Model.Log.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_ModelFasterThanMaxDuration_Succeeds()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()), FaultInjection.None with { Latency = TimeSpan.FromSeconds(20) });

        // A wide margin (20 s of work against a 2 min limit): on a loaded machine a continuation the clock released may
        // wait on the thread pool while the test moves the clock on, and a tight limit would then fire spuriously.
        var result = await harness.RunDrivingClockAsync(AgentWithLimit(TimeSpan.FromMinutes(2)), TimeSpan.FromSeconds(1), maxSteps: 120);

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.ModelCalls.ShouldHaveSingleItem().Duration.ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task RunAsync_ToolStillRunningAtMaxDuration_ToolCancelledAndTimeLimit()
    {
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()));
        var cancelled = false;
        var slow = new ToolProbe("lookup", async (invocation, cancellationToken) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(5), harness.Clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }

            return ToolProbe.OrderFor(invocation.Arguments);
        }, new ToolOptions { Timeout = TimeSpan.FromMinutes(10) });

        var result = await harness.RunDrivingClockAsync(AgentWithLimit(TimeSpan.FromSeconds(30), slow.Tool), TimeSpan.FromSeconds(1), maxSteps: 120);

        result.Status.ShouldBe(AgentStatus.Failed);
        result.StopReason.ShouldBe(StopReason.TimeLimit);
        cancelled.ShouldBeTrue();
        result.ModelCalls.Count.ShouldBe(1);
        result.Duration.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
    }
}
