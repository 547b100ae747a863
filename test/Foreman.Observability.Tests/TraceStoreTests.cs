using Foreman.Samples.Quality;
using Foreman.Telemetry;
using Foreman.Testing;
using Foreman.Tracing;

namespace Foreman.Observability.Tests;

public sealed class TraceStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task GetTrace_AfterARun_TreeRunAgentModelAndToolCallsWithSummary()
    {
        var (documents, labels) = InvoiceDataset.Generate(1);
        await using var h = await ObservabilityHarness.StartAsync(labels);

        var run = (await h.RunAsync(documents)).Single();
        await h.Recorder.FlushAsync(None);

        var trace = (await h.TraceQueries.GetTraceAsync(run.RunId, None)).ShouldNotBeNull();
        trace.Summary.Pipeline.ShouldBe("invoice-extraction");
        trace.Summary.Status.ShouldBe("completed");
        trace.Summary.AgentInvocations.ShouldBe(1);
        trace.Summary.ModelCalls.ShouldBe(2);
        trace.Summary.ToolCalls.ShouldBe(1);
        trace.Summary.Agents.ShouldBe(["invoice-reader"]);
        trace.Summary.MinConfidence.ShouldBe(0.93);
        trace.Summary.Cost.ShouldBeGreaterThan(0m);
        trace.Summary.InputTokens.ShouldBeGreaterThan(0);

        var root = trace.Roots.ShouldHaveSingleItem();
        root.Span.Operation.ShouldBe(GenAIOperations.InvokeWorkflow);
        var agent = root.Children.ShouldHaveSingleItem();
        agent.Span.Operation.ShouldBe(GenAIOperations.InvokeAgent);
        agent.Children.Select(c => c.Span.Operation).ShouldBe([GenAIOperations.Chat, GenAIOperations.ExecuteTool, GenAIOperations.Chat]);
        agent.Children[1].Span.Attribute(GenAIAttributes.ToolName).ShouldBe("lookup_vendor");
    }

    [Fact]
    public async Task Query_RetriesAndConfidenceAndCorrectness_FindTheMatchingRuns()
    {
        var (documents, labels) = InvoiceDataset.Generate(12, seed: 7);
        await using var h = await ObservabilityHarness.StartAsync(labels, q => q.SampleRate = 1.0);
        h.Model.Faults = FaultInjection.None with { Seed = 3, ServerErrorRate = 0.3 };

        var runs = await h.RunAsync(documents, tick: TimeSpan.FromSeconds(5));
        await h.Recorder.FlushAsync(None);

        var retried = h.Model.Log.Count(c => c.Faults.HasFlag(InjectedFaults.ServerError));
        retried.ShouldBeGreaterThan(0, "the seed injects server errors");
        var withRetries = await h.TraceQueries.QueryAsync("retries > 0", None);
        withRetries.IsValid.ShouldBeTrue();
        withRetries.Runs.ShouldNotBeEmpty();
        withRetries.Runs.Sum(r => r.RetriedModelCalls).ShouldBe(retried, "every failed attempt was retried, and each retry is counted once");
        withRetries.Runs.ShouldAllBe(r => r.Retries > 0);

        var lowButCorrect = await h.TraceQueries.QueryAsync("confidence < 0.95 and correct = true", None);
        lowButCorrect.Runs.Count.ShouldBe(runs.Count, "every output was sampled (rate 1.0), all are right, and all report 0.93");
        (await h.TraceQueries.QueryAsync("correct = false", None)).Runs.ShouldBeEmpty();
        (await h.TraceQueries.QueryAsync("agent = invoice-reader and status = completed and limit 5", None)).Runs.Count.ShouldBe(5);
        (await h.TraceQueries.QueryAsync("agent = someone-else", None)).Runs.ShouldBeEmpty();

        h.Clock.Advance(TimeSpan.FromHours(2));
        (await h.TraceQueries.QueryAsync("retries > 0 and since 1h", None)).Runs.ShouldBeEmpty("the runs are two hours old");
        (await h.TraceQueries.QueryAsync("retries > 0 and since 3h", None)).Runs.Count.ShouldBe(withRetries.Runs.Count);
    }

    [Theory]
    [InlineData("retries >", "must be followed by an operator")]
    [InlineData("colour = red", "Unknown field 'colour'")]
    [InlineData("cost > cheap", "'cheap' is not a number")]
    [InlineData("agent > x", "is text")]
    [InlineData("since forever", "'since' needs a duration")]
    [InlineData("retries > 3 or loops > 1", "Expected 'and'")]
    [InlineData("correct = maybe", "'correct' takes")]
    public void Parse_BadQuery_ClearErrorNoQuery(string text, string error)
    {
        var parsed = TraceQueryParser.Parse(text, DateTimeOffset.UnixEpoch);
        parsed.IsValid.ShouldBeFalse();
        parsed.Error.ShouldNotBeNull().ShouldContain(error);
    }

    [Fact]
    public void Parse_FullQuery_ConditionsSinceAndLimit()
    {
        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var query = TraceQueryParser.Parse("retries>3 and since 1h and tool_errors >= 1 and pipeline = 'invoice-extraction' and limit 7", now).Query.ShouldNotBeNull();
        query.Since.ShouldBe(now.AddHours(-1));
        query.Limit.ShouldBe(7);
        query.Conditions.ShouldBe([
            new TraceCondition(TraceField.Retries, TraceOperator.GreaterThan, "3"),
            new TraceCondition(TraceField.ToolErrors, TraceOperator.GreaterThanOrEqual, "1"),
            new TraceCondition(TraceField.Pipeline, TraceOperator.Equal, "invoice-extraction"),
        ]);
    }

    [Fact]
    public async Task TraceStoreFails_RunsStillComplete_SpansCountedAsLost()
    {
        var (documents, labels) = InvoiceDataset.Generate(2);
        await using var h = await ObservabilityHarness.StartAsync(labels);
        await h.Recorder.DisposeAsync();
        await using var failing = new TraceRecorder(new TraceRecorderOptions { Store = new FailingTraceStore(), TimeProvider = h.Clock });

        var runs = await h.RunAsync(documents, waitForTraces: false);
        await failing.FlushAsync(None);

        runs.ShouldAllBe(r => r.Status == Foreman.Workflows.Storage.RunStatus.Completed);
        failing.Failed.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Retention_RunsOlderThanTheRetentionArePrunedAsTracesArrive_NewerKept()
    {
        var (documents, labels) = InvoiceDataset.Generate(2);
        await using var h = await ObservabilityHarness.StartAsync(labels);
        var old = (await h.RunAsync(documents.Take(1))).Single();
        await h.Recorder.FlushAsync(None);
        h.Clock.Advance(TimeSpan.FromDays(40));
        var recent = (await h.RunAsync(documents.Skip(1))).Single();
        await h.Recorder.FlushAsync(None);

        (await h.Traces.GetRunAsync(old.RunId, None)).ShouldBeNull("the append 40 days later pruned it (retention 30 days)");
        (await h.Traces.GetSpansAsync(old.RunId, None)).ShouldBeEmpty();
        (await h.Traces.GetRunAsync(recent.RunId, None)).ShouldNotBeNull();

        (await h.Traces.PruneAsync(h.Clock.GetUtcNow().AddSeconds(1), None)).ShouldBe(1, "an explicit prune takes what ended before its cut-off");
        (await h.Traces.GetRunAsync(recent.RunId, None)).ShouldBeNull();
    }

    private sealed class FailingTraceStore : ITraceStore
    {
        public Task AppendAsync(IReadOnlyList<TraceSpan> spans, CancellationToken cancellationToken) => throw new IOException("disk full");

        public Task<TraceRunSummary?> GetRunAsync(string runId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<TraceSpan>> GetSpansAsync(string runId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<TraceRunSummary>> QueryRunsAsync(TraceQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AgentTraceStats>> GetAgentStatsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetCorrectAsync(string runId, bool correct, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> PruneAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
