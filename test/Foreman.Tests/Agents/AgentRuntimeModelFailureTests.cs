using Foreman.Agents;
using Foreman.Models;
using Foreman.Testing;

namespace Foreman.Tests.Agents;

/// <summary>Model failures: transient ones are retried on the run's clock, permanent ones stop the run, a fallback model takes over.</summary>
public sealed class AgentRuntimeModelFailureTests
{
    private static ModelCallException RateLimited(TimeSpan? retryAfter) =>
        new(ModelFailureKind.RateLimited, "HTTP 429: slow down.", statusCode: 429, retryAfter: retryAfter);

    [Fact]
    public async Task RunAsync_RateLimitedWithRetryAfter_RetriedOnlyAfterTheDelayAndRetryCostAccounted()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()).WithUsage(400, 40));
        harness.Client.FailNext(RateLimited(TimeSpan.FromSeconds(20)));

        var run = harness.RunAsync(TestAgents.Create());
        harness.Client.Requests.Count.ShouldBe(1);
        harness.Clock.AdvanceDetached(TimeSpan.FromSeconds(19));
        await ClockDriving.SettleAsync(() => harness.Client.Requests.Count > 1);
        harness.Client.Requests.Count.ShouldBe(1);
        run.IsCompleted.ShouldBeFalse();

        var result = await harness.Clock.DriveAsync(run, TimeSpan.FromSeconds(1), maxSteps: 5);

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.ModelCalls.Count.ShouldBe(2);
        var (failed, retry) = (result.ModelCalls[0], result.ModelCalls[1]);
        failed.IsRetry.ShouldBeFalse();
        failed.TotalTokens.ShouldBe(0);
        failed.Cost.ShouldBe(0m);
        retry.IsRetry.ShouldBeTrue();
        retry.Timestamp.ShouldBe(harness.Clock.Start.AddSeconds(20));
        retry.Cost.ShouldBe(0.0014m);
        result.Usage.ModelCalls.ShouldBe(2);
        result.Usage.RetryCost.ShouldBe(0.0014m);
        result.Usage.Cost.ShouldBe(0.0014m);
    }

    [Fact]
    public async Task RunAsync_RetryAfterLongerThanTheBackoffCap_StillWaitsTheFullRetryAfter()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()));
        harness.Client.FailNext(RateLimited(TimeSpan.FromSeconds(45)));

        var run = harness.RunAsync(TestAgents.Create());
        harness.Clock.AdvanceDetached(TimeSpan.FromSeconds(44));
        await ClockDriving.SettleAsync(() => harness.Client.Requests.Count > 1);

        harness.Client.Requests.Count.ShouldBe(1);
        var result = await harness.Clock.DriveAsync(run, TimeSpan.FromSeconds(1), maxSteps: 5);
        result.ModelCalls[1].Timestamp.ShouldBe(harness.Clock.Start.AddSeconds(45));
    }

    [Fact]
    public async Task RunAsync_SimulatedModelAlwaysRateLimited_RetriesEveryRetryAfterThenModelFailed()
    {
        var faults = FaultInjection.None with { RateLimitRate = 1, RateLimitRetryAfter = TimeSpan.FromSeconds(2) };
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()), faults);

        var result = await harness.RunDrivingClockAsync(TestAgents.Create(), TimeSpan.FromSeconds(1), maxSteps: 60);

        result.Status.ShouldBe(AgentStatus.Failed);
        result.StopReason.ShouldBe(StopReason.ModelFailed);
        result.StopDetail.ShouldContain("429");
        var start = harness.Clock.Start;
        result.ModelCalls.Select(c => c.Timestamp).ShouldBe([start, start.AddSeconds(2), start.AddSeconds(4), start.AddSeconds(6)]);
        result.ModelCalls.Select(c => c.IsRetry).ShouldBe([false, true, true, true]);
        harness.Model.CallCount.ShouldBe(4);
    }

    [Fact]
    public async Task RunAsync_AuthenticationFailure_ModelFailedAfterExactlyOneCall()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()));
        harness.Client.FailNext(new ModelCallException(ModelFailureKind.Authentication, "HTTP 401: invalid API key.", statusCode: 401));

        // The clock moves, so a retry would have every chance to happen.
        var result = await harness.RunDrivingClockAsync(TestAgents.Create(), TimeSpan.FromSeconds(1), maxSteps: 60);

        result.Status.ShouldBe(AgentStatus.Failed);
        result.StopReason.ShouldBe(StopReason.ModelFailed);
        result.StopDetail.ShouldContain("invalid API key");
        result.ModelCalls.Count.ShouldBe(1);
        harness.Client.Requests.Count.ShouldBe(1);
        harness.Model.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_PersistentServerErrors_FallbackModelAnswers()
    {
        var clock = new FakeTimeProvider();
        var provider = new SimulatedChatClientProvider(
            id => id == "simulated-fast" ? Script.Final(TestAgents.Answer()).WithUsage(1_000, 100) : Script.Named("primary must fail before its script plays"),
            new SimulatedChatClientOptions { TimeProvider = clock });
        provider.GetSimulatedClient(TestAgents.ModelId).Faults = FaultInjection.None with { ServerErrorRate = 1 };
        using var runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, provider), new AgentRuntimeOptions { TimeProvider = clock });
        var options = TestAgents.Options();
        options.FallbackModel = "simulated-fast";

        var run = ClockDriving.StartDetached(() => runtime.RunAsync(Agent.Create(options), new AgentRequest("Where is order A1?")));
        var result = await clock.DriveAsync(run, TimeSpan.FromSeconds(1), maxSteps: 300);

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.Model.ShouldBe("simulated-fast");
        result.ModelCalls.Select(c => c.Model).ShouldBe([TestAgents.ModelId, TestAgents.ModelId, TestAgents.ModelId, TestAgents.ModelId, "simulated-fast"]);
        provider.GetSimulatedClient(TestAgents.ModelId).CallCount.ShouldBe(4);
        provider.GetSimulatedClient("simulated-fast").CallCount.ShouldBe(1);

        // Priced as simulated-fast: 0.15 and 0.60 per million tokens.
        result.Usage.Cost.ShouldBe(0.00021m);
    }

    [Fact]
    public async Task RunAsync_PersistentServerErrorsWithoutFallback_ModelFailedAfterRetries()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()), FaultInjection.None with { ServerErrorRate = 1 });

        var result = await harness.RunDrivingClockAsync(TestAgents.Create(), TimeSpan.FromSeconds(1), maxSteps: 300);

        result.StopReason.ShouldBe(StopReason.ModelFailed);
        result.ModelCalls.Count.ShouldBe(4);
    }

    [Fact]
    public async Task RunAsync_ToolResultFillsTheContextWindow_ContextWindowExceededWithoutSendingTheCall()
    {
        var catalog = ModelCatalog.Default.With(new ModelInfo("small-window", ModelTier.Standard, 1m, 1m, 3_000));
        var note = new string('x', 10_000);
        var lookup = new ToolProbe("lookup", (_, _) => ValueTask.FromResult(System.Text.Json.JsonSerializer.SerializeToElement(new { note })),
            new Foreman.Tools.ToolOptions { MaxResultCharacters = 20_000 });
        var options = TestAgents.Options(lookup.Tool);
        options.Model = "small-window";
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()), catalog: catalog, modelId: "small-window");

        var result = await harness.RunAsync(Agent.Create(options));

        result.Status.ShouldBe(AgentStatus.Failed);
        result.StopReason.ShouldBe(StopReason.ContextWindowExceeded);
        result.StopDetail.ShouldContain("3000");
        result.ModelCalls.Count.ShouldBe(1);
        harness.Client.Requests.Count.ShouldBe(1);
        lookup.Calls.Count.ShouldBe(1);
    }
}
