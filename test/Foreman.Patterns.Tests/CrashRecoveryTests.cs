using Foreman.Patterns.Consensus;
using Foreman.Patterns.Routing;
using Foreman.Patterns.Supervision;
using Foreman.Patterns.Workers;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Foreman.Workflows.Tests;

namespace Foreman.Patterns.Tests;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Supervisor_WorkerProcessRestartsMidRun_FinishedSubAgentsAreNotPaidAgain()
    {
        var id = Guid.NewGuid().ToString("N");
        const string schema = """{"type":"object","properties":{"total":{"type":"number"}},"required":["total"]}""";
        var (runtime, provider) = PatternHarness.Runtime((_, _) => """{"total":575.0,"confidence":0.9}""");
        using var __ = runtime;

        // A consensus of three agents finishes; the slow lookup is still running when the process goes down.
        var amounts = new ConsensusWorker("amounts", new[] { "gpt-4o-mini", "gpt-4.1-mini", "gpt-4o" }.Select(m => new AgentWorker(runtime, PatternHarness.Agent("reader-" + m.Replace('.', '-'), schema, m))), new MajorityVote("/total"));
        var lookup = new FunctionWorker("vendor-lookup", async (_, ct) =>
        {
            Probe.Hit($"{id}:lookup");
            await Probe.Gate($"{id}:lookup").WaitAsync(ct);
            return PatternHarness.Json(new { vendor = "V-0042" });
        });
        var supervisor = new Supervisor("invoice", RuleRouter.All("amount", "vendor"), [new Specialist("amount", amounts), new Specialist("vendor", lookup)]);
        var name = "crash-" + id[..8];
        var workflow = new DelegateWorkflow<string, SupervisorResult>(name, (ctx, _) => supervisor.RunAsync(ctx, WorkTask.Create("doc", "invoice", new { text = "Total due: EUR 575.00" })));
        await using var engine = await EngineHarness.StartAsync(workflow);

        var (run, _) = await engine.Engine.SubmitAsync(name, "go");
        await WaitUntil(() => Probe.Count($"{id}:lookup") == 1 && provider.Log.Count == 3);

        // The readers' answers are durable once their journal entries are committed, not when the model answered.
        await WaitUntil(() => engine.Store.GetJournalAsync(run.RunId, CancellationToken.None).GetAwaiter().GetResult()
            .Count(e => e.Name.StartsWith("agent:reader-", StringComparison.Ordinal) && e.State == JournalEntryState.Completed) == 3);
        await engine.RestartAsync(workflow);
        Probe.Open($"{id}:lookup");
        var done = await engine.WaitForAsync(run.RunId, TimeSpan.FromMinutes(1));

        done.Status.ShouldBe(RunStatus.Completed, done.Error);
        var result = engine.Engine.ReadOutput<SupervisorResult>(done)!;
        result.Status.ShouldBe(WorkStatus.Success);
        result.Output!.Value.GetProperty("amount").GetDecimal().ShouldBe(575.0m, "a non-object output is merged under its route");
        result.Output!.Value.GetProperty("vendor").GetString().ShouldBe("V-0042");
        provider.Log.Count.ShouldBe(3, "the three readers finished before the crash; after it their answers came from the journal");
        Probe.Count($"{id}:lookup").ShouldBe(2, "the step that never finished runs again");
        result.Specialists["amount"].Cost.ShouldBeGreaterThan(0m, "the replayed readers' cost is still accounted");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        condition().ShouldBeTrue();
    }
}
