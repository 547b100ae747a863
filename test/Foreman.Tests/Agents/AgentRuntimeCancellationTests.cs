using Foreman.Testing;

namespace Foreman.Tests.Agents;

public sealed class AgentRuntimeCancellationTests
{
    [Fact]
    public async Task RunAsync_CallerCancelsDuringAModelCall_ThrowsOperationCanceled()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()), FaultInjection.None with { Latency = TimeSpan.FromSeconds(10) });
        using var cts = new CancellationTokenSource();

        var run = harness.RunAsync(TestAgents.Create(), cancellationToken: cts.Token);
        run.IsCompleted.ShouldBeFalse();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        harness.Model.Log.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_CallerCancelledBeforeTheRun_ThrowsWithoutCallingTheModel()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()));

        await Should.ThrowAsync<OperationCanceledException>(() => harness.RunAsync(TestAgents.Create(), cancellationToken: new CancellationToken(canceled: true)));

        harness.Model.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_CallerCancelsDuringAToolCall_ThrowsOperationCanceled()
    {
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()));
        using var cts = new CancellationTokenSource();
        var slow = new ToolProbe("lookup", async (invocation, cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), harness.Clock, cancellationToken);
            return ToolProbe.OrderFor(invocation.Arguments);
        });

        var run = harness.RunAsync(TestAgents.Create(slow.Tool), cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        harness.Model.CallCount.ShouldBe(1);
    }
}
