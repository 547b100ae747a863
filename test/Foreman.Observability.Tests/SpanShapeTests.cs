using System.Diagnostics;
using Foreman.Samples.Quality;
using Foreman.Telemetry;

namespace Foreman.Observability.Tests;

public sealed class SpanShapeTests
{
    [Fact]
    public async Task PipelineRun_SpansFollowGenAIConventions_NestedRunAgentModelTool()
    {
        var (documents, labels) = InvoiceDataset.Generate(1);
        using var capture = new SpanCapture();
        await using var h = await ObservabilityHarness.StartAsync(labels);

        var run = (await h.RunAsync(documents)).Single();

        var spans = capture.OfRun(run.RunId);
        var root = spans.Single(a => Op(a) == GenAIOperations.InvokeWorkflow);
        root.ParentSpanId.ShouldBe(default(ActivitySpanId));
        root.DisplayName.ShouldBe("invoke_workflow invoice-extraction");
        Tag(root, GenAIAttributes.WorkflowName).ShouldBe("invoice-extraction");
        Tag(root, GenAIAttributes.RunStatus).ShouldBe("completed");
        Tag(root, GenAIAttributes.RunId).ShouldBe(run.RunId);

        var agent = spans.Single(a => Op(a) == GenAIOperations.InvokeAgent);
        agent.ParentSpanId.ShouldBe(root.SpanId);
        agent.DisplayName.ShouldBe("invoke_agent invoice-reader");
        Tag(agent, GenAIAttributes.AgentName).ShouldBe("invoice-reader");
        Tag(agent, GenAIAttributes.AgentStatus).ShouldBe("Succeeded");
        Tag(agent, GenAIAttributes.Confidence).ShouldBe(0.93);
        Tag(agent, GenAIAttributes.Validation).ShouldBe("valid");
        Tag(agent, GenAIAttributes.RetryCount).ShouldBe(0);
        ((double)Tag(agent, GenAIAttributes.Cost)!).ShouldBeGreaterThan(0);

        var chats = spans.Where(a => Op(a) == GenAIOperations.Chat).ToList();
        chats.Count.ShouldBe(2, "one turn to call the tool, one to answer");
        foreach (var chat in chats)
        {
            chat.ParentSpanId.ShouldBe(agent.SpanId);
            chat.Kind.ShouldBe(ActivityKind.Client);
            Tag(chat, GenAIAttributes.RequestModel).ShouldNotBeNull();
            ((long)Tag(chat, GenAIAttributes.InputTokens)!).ShouldBeGreaterThan(0);
            ((long)Tag(chat, GenAIAttributes.OutputTokens)!).ShouldBeGreaterThan(0);
            ((double)Tag(chat, GenAIAttributes.Cost)!).ShouldBeGreaterThan(0);
            Tag(chat, GenAIAttributes.Retry).ShouldBe(false);
            Tag(chat, GenAIAttributes.InputMessages).ShouldBeNull("prompts are recorded only when the user opts in");
        }

        var tool = spans.Single(a => Op(a) == GenAIOperations.ExecuteTool);
        tool.ParentSpanId.ShouldBe(agent.SpanId);
        Tag(tool, GenAIAttributes.ToolName).ShouldBe("lookup_vendor");
        Tag(tool, GenAIAttributes.ToolOutcome).ShouldBe("ok");
        Tag(tool, GenAIAttributes.Validation).ShouldBe("valid");
        Tag(tool, GenAIAttributes.ToolCallArguments).ShouldBeNull("tool arguments are recorded only when the user opts in");
        Tag(tool, GenAIAttributes.ToolCallResult).ShouldBeNull();
    }

    [Fact]
    public async Task RecordSensitiveData_OptIn_PromptsArgumentsResultsAndOutputAreOnTheSpans()
    {
        var (documents, labels) = InvoiceDataset.Generate(1);
        using var capture = new SpanCapture();
        await using var h = await ObservabilityHarness.StartAsync(labels, recordSensitiveData: true);

        var run = (await h.RunAsync(documents)).Single();

        var spans = capture.OfRun(run.RunId);
        var chat = spans.First(a => Op(a) == GenAIOperations.Chat);
        ((string)Tag(chat, GenAIAttributes.InputMessages)!).ShouldContain("INVOICE INV-");
        Tag(chat, GenAIAttributes.OutputMessages).ShouldNotBeNull();
        var tool = spans.Single(a => Op(a) == GenAIOperations.ExecuteTool);
        ((string)Tag(tool, GenAIAttributes.ToolCallArguments)!).ShouldContain("\"name\"");
        ((string)Tag(tool, GenAIAttributes.ToolCallResult)!).ShouldContain("vendor_id");
        ((string)Tag(spans.Single(a => Op(a) == GenAIOperations.InvokeAgent), GenAIAttributes.Output)!).ShouldContain("invoice_number");
    }

    private static string? Op(Activity a) => a.GetTagItem(GenAIAttributes.OperationName) as string;

    private static object? Tag(Activity a, string name) => a.GetTagItem(name);
}
