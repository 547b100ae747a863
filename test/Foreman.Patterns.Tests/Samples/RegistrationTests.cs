using Foreman.Samples.Pipelines;
using Foreman.Samples.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Patterns.Tests.Samples;

public sealed class RegistrationTests
{
    [Fact]
    public async Task EveryPipeline_IsASampleWorkflow_WhoseExampleInputRunsToCompletion()
    {
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => SampleWorkflows.Create(runtime, new InMemoryInvoiceLedger(), reviews));

        foreach (var pipeline in SamplePipelines.All)
        {
            var sample = SampleWorkflows.Find(pipeline.Name).ShouldNotBeNull();
            var (run, _) = await harness.Engine.Engine.SubmitAsync(sample.Name, System.Text.Json.JsonDocument.Parse(sample.ExampleInput).RootElement);
            var done = await harness.Engine.WaitForAsync(run.RunId, TimeSpan.FromSeconds(5));
            done.Status.ShouldBe(RunStatus.Completed, $"{sample.Name}: {done.Error}");
        }
    }
}
