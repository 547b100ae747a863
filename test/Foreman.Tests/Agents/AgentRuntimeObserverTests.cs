using Foreman.Agents;
using Foreman.Testing;

namespace Foreman.Tests.Agents;

public sealed class AgentRuntimeObserverTests
{
    private static SimulatedTurn Investigator(SimulationTurnContext context) =>
        SimulatedTurn.CallTool("lookup", $$"""{"id":"A{{context.Turn}}"}""");

    [Fact]
    public async Task RunAsync_BudgetAlert_DeliveredToObserverAndPresentInResult()
    {
        var observer = new RecordingObserver();
        using var harness = new AgentHarness(new DelegateBehavior(Investigator), configure: o => o.Observers.Add(observer));

        var result = await harness.RunAsync(TestAgents.Create(ToolProbe.Lookup().Tool));

        var alert = observer.Alerts.ShouldHaveSingleItem();
        result.BudgetAlerts.ShouldHaveSingleItem().ShouldBe(alert);
        alert.RunId.ShouldBe(result.RunId);
        observer.Completed.ShouldHaveSingleItem().ShouldBeSameAs(result);
    }

    [Fact]
    public async Task RunAsync_SuccessfulRun_ObserverSeesEveryModelAndToolCallInOrder()
    {
        var observer = new RecordingObserver();
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()), configure: o => o.Observers.Add(observer));

        var result = await harness.RunAsync(TestAgents.Create(ToolProbe.Lookup().Tool));

        observer.ModelCalls.ShouldBe(result.ModelCalls);
        observer.ToolCalls.ShouldBe(result.Trail);
        observer.Alerts.ShouldBeEmpty();
        observer.Completed.ShouldHaveSingleItem().ShouldBeSameAs(result);
    }

    [Fact]
    public async Task RunAsync_ObserverThrowsInEveryHandler_RunSucceedsAndLaterObserversStillHear()
    {
        var broken = new ThrowingObserver();
        var observer = new RecordingObserver();
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()), configure: o =>
        {
            o.Observers.Add(broken);
            o.Observers.Add(observer);
        });

        var result = await harness.RunAsync(TestAgents.Create(ToolProbe.Lookup().Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        broken.Calls.ShouldBe(4);
        observer.ModelCalls.Count.ShouldBe(2);
        observer.ToolCalls.Count.ShouldBe(1);
        observer.Completed.ShouldHaveSingleItem().ShouldBeSameAs(result);
    }

    [Fact]
    public async Task RunAsync_ObserverThrowsOnBudgetAlert_FallbackStillTaken()
    {
        using var harness = new AgentHarness(new DelegateBehavior(Investigator), configure: o => o.Observers.Add(new ThrowingObserver()));

        var result = await harness.RunAsync(TestAgents.Create(ToolProbe.Lookup().Tool));

        result.Status.ShouldBe(AgentStatus.NeedsHuman);
        result.StopReason.ShouldBe(StopReason.BudgetEscalated);
        result.BudgetAlerts.Count.ShouldBe(1);
    }
}
