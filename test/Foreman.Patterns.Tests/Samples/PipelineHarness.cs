using Foreman.Agents;
using Foreman.Models;
using Foreman.Reviews;
using Foreman.Samples.Pipelines;
using Foreman.Sqlite;
using Foreman.Testing;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Foreman.Workflows.Tests;

namespace Foreman.Patterns.Tests.Samples;

/// <summary>Runs a sample pipeline over a generated dataset through the durable engine and scores every output.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-pipeline-").FullName;

    private PipelineHarness(SimulationRates rates)
    {
        Provider = new SimulatedChatClientProvider(new SampleSimulation(rates));
        Runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, Provider, new Dictionary<ModelTier, string>
        {
            [ModelTier.Fast] = "simulated-fast",
            [ModelTier.Standard] = "simulated-standard",
            [ModelTier.Premium] = "simulated-premium",
        }));
        Reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = ReviewsPath });
    }

    private string ReviewsPath => Path.Combine(_folder, "reviews.db");

    public SimulatedChatClientProvider Provider { get; }

    public AgentRuntime Runtime { get; }

    public SqliteReviewStore Reviews { get; }

    public EngineHarness Engine { get; private set; } = null!;

    public static Task<PipelineHarness> StartAsync(Func<AgentRuntime, IReviewStore, IWorkflow> workflow, SimulationRates? rates = null) =>
        StartAsync((runtime, reviews) => (IEnumerable<IWorkflow>)[workflow(runtime, reviews)], rates);

    public static async Task<PipelineHarness> StartAsync(Func<AgentRuntime, IReviewStore, IEnumerable<IWorkflow>> workflows, SimulationRates? rates = null)
    {
        var harness = new PipelineHarness(rates ?? SimulationRates.Default);

        // The review store shares its file with a workflow store, which owns the schema.
        await using (var schema = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = harness.ReviewsPath }))
        {
            await schema.InitializeAsync(CancellationToken.None);
        }

        await harness.Reviews.InitializeAsync(CancellationToken.None);
        harness.Engine = await EngineHarness.StartAsync([.. workflows(harness.Runtime, harness.Reviews)]);
        return harness;
    }

    public async Task<List<(PipelineItem Item, PipelineScore Score, string Output)>> RunAsync(SamplePipeline pipeline, int count, int seed)
    {
        var runs = new List<(PipelineItem, string)>();
        foreach (var item in pipeline.Generate(count, seed))
        {
            var (run, _) = await Engine.Engine.SubmitAsync(pipeline.Name, item.Input, $"{pipeline.Name}:{item.Id}");
            runs.Add((item, run.RunId));
        }

        var scored = new List<(PipelineItem, PipelineScore, string)>();
        foreach (var (item, runId) in runs)
        {
            var done = await Engine.WaitForAsync(runId, TimeSpan.FromSeconds(5));
            done.Status.ShouldBe(RunStatus.Completed, done.Error);
            scored.Add((item, pipeline.Score(item, done.Output!), done.Output!));
        }

        return scored;
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Runtime.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }
}
