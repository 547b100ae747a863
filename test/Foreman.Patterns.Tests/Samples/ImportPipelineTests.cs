using Foreman.Reviews;
using Foreman.Samples.Pipelines;
using Foreman.Samples.Pipelines.Imports;
using Microsoft.Extensions.AI;

namespace Foreman.Patterns.Tests.Samples;

public sealed class ImportPipelineTests
{
    [Fact]
    public void Dataset_IsDeterministic_AndCoversEveryDocumentType()
    {
        var cases = ImportDataset.Generate(200, 8);

        ImportDataset.Generate(200, 8).ShouldBe(cases);
        cases.Select(c => c.Truth.DocumentType).Distinct().Count().ShouldBe(4);
        cases.ShouldAllBe(c => c.Text.Contains(c.Truth.Supplier, StringComparison.Ordinal) && c.Text.Contains(c.Truth.GoodsDescription, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pipeline_EndToEnd_EachLevelExtractsItsDomain_AndTheBrokerContextNeverLeavesTheTop()
    {
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => new ImportDocumentsWorkflow(runtime, reviews));

        var results = await harness.RunAsync(SamplePipelines.Imports, 40, 21);

        var handled = results.Where(r => !r.Score.Escalated).ToList();
        handled.Count.ShouldBeGreaterThan(35);
        handled.Count(r => r.Score.Correct).ShouldBeGreaterThanOrEqualTo(handled.Count - 2);
        results.ShouldAllBe(r => r.Score.Consensus == null || r.Score.Consensus.Readings == 3);

        harness.Provider.Log.Count.ShouldBe(results.Count * 5, "per document: the classifier, one text agent and three amount readers");
    }

    [Fact]
    public async Task Pipeline_SubLevelPrompts_DoNotContainTheTopLevelContext()
    {
        var prompts = new System.Collections.Concurrent.ConcurrentBag<string>();
        var simulation = new SampleSimulation();
        var recording = new Foreman.Testing.DelegateBehavior(context =>
        {
            prompts.Add(string.Join("\n", context.Messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text)));
            return simulation.NextTurn(context);
        });
        var provider = new Foreman.Testing.SimulatedChatClientProvider(recording);
        using var runtime = new Foreman.Agents.AgentRuntime(new Foreman.Models.ModelRouter(Foreman.Models.ModelCatalog.Default, provider));
        var workflow = new ImportDocumentsWorkflow(runtime);
        await using var engine = await Foreman.Workflows.Tests.EngineHarness.StartAsync(workflow);
        var item = ImportDataset.Generate(1, 4)[0];

        var (run, _) = await engine.Engine.SubmitAsync(ImportDocumentsWorkflow.WorkflowName, new ImportRequest(item.DocumentId, item.Text, "SHP-1", "CONFIDENTIAL margin 31%"));
        var done = await engine.WaitForAsync(run.RunId, TimeSpan.FromSeconds(5));

        done.Status.ShouldBe(Foreman.Workflows.Storage.RunStatus.Completed, done.Error);
        prompts.Count.ShouldBe(5);
        prompts.Count(p => p.Contains("CONFIDENTIAL", StringComparison.Ordinal)).ShouldBe(1, "only the top-level classifier sees the broker notes");
    }

    [Fact]
    public async Task Pipeline_ClassifierAlwaysWrong_ContractAtTheBoundaryCatchesIt()
    {
        // A wrong route sends the document to a sub-supervisor whose labels are not on the page: its text agent
        // finds nothing, the contract check at the boundary fails, and the document goes to customs review.
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => new ImportDocumentsWorkflow(runtime, reviews), SimulationRates.Default with { ClassificationError = 1 });

        var results = await harness.RunAsync(SamplePipelines.Imports, 8, 2);

        results.ShouldAllBe(r => r.Score.Escalated);
        var pending = await harness.Reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending, ImportDocumentsWorkflow.ReviewQueue), CancellationToken.None);
        pending.Count.ShouldBe(8);
    }
}
