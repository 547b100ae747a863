using System.Globalization;
using Foreman.Telemetry;
using Foreman.Testing;
using Foreman.Tracing;

namespace Foreman.Workflows.StoreContract.Observability;

/// <summary>
/// The behaviour every <see cref="ITraceStore"/> must have (the contract written on the interface, and the query
/// semantics of <see cref="TraceCondition.Matches"/>). A store's test project derives from this class and says how to
/// make a fresh, ready store; the tests are inherited.
/// </summary>
/// <remarks>Times are whole milliseconds after <see cref="T0"/>. No test reads the clock or sleeps.</remarks>
public abstract partial class TraceStoreContractTests : IAsyncLifetime
{
    /// <summary>The time the tests start at.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the cancellation token of the tests.</summary>
    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>Gets the clock the stores measure retention with.</summary>
    protected FakeTimeProvider Clock { get; } = new(T0);

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Creates a ready (initialized) store over a new, empty database, measuring retention with <see cref="Clock"/>.</summary>
    /// <param name="retention">How long a run's trace is kept after it ended.</param>
    /// <returns>The store.</returns>
    protected abstract Task<ITraceStore> CreateStoreAsync(TimeSpan retention);

    /// <summary>Creates another ready store over the database of the last <see cref="CreateStoreAsync"/>, as a second node would.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ITraceStore> OpenSameDatabaseAsync();

    /// <summary>Creates a ready store with a 30-day retention.</summary>
    /// <returns>The store.</returns>
    protected Task<ITraceStore> CreateStoreAsync() => CreateStoreAsync(TimeSpan.FromDays(30));

    /// <summary>One span.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="spanId">The span id.</param>
    /// <param name="operation">The GenAI operation, or <see langword="null"/>.</param>
    /// <param name="start">When it started.</param>
    /// <param name="duration">How long it lasted; one second when omitted.</param>
    /// <param name="parent">The parent span id.</param>
    /// <param name="attributes">Attributes, as name and value.</param>
    /// <returns>The span.</returns>
    protected static TraceSpan Span(string runId, string spanId, string? operation, DateTimeOffset start, TimeSpan? duration = null, string? parent = null, params (string Name, string Value)[] attributes) => new()
    {
        RunId = runId,
        TraceId = "trace-" + runId,
        SpanId = spanId,
        ParentSpanId = parent,
        Name = operation ?? "custom",
        Operation = operation,
        StartedAt = start,
        Duration = duration ?? TimeSpan.FromSeconds(1),
        Status = "ok",
        Attributes = attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal),
    };

    /// <summary>A workflow run's spans: the run, one agent invocation, two model calls and a tool call between them.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="start">When the run started; it lasts 10 seconds.</param>
    /// <param name="options">What the run did.</param>
    /// <returns>The spans.</returns>
    protected static IReadOnlyList<TraceSpan> Run(string runId, DateTimeOffset start, RunShape? options = null)
    {
        var o = options ?? new RunShape();
        var agent = new List<(string, string)> { (GenAIAttributes.AgentName, o.Agent), (GenAIAttributes.AgentStatus, o.AgentStatus), (GenAIAttributes.Confidence, o.Confidence.ToString(CultureInfo.InvariantCulture)) };
        if (o.StopReason is { } stop)
        {
            agent.Add((GenAIAttributes.StopReason, stop));
        }

        if (o.InvalidOutput)
        {
            agent.Add((GenAIAttributes.Validation, "invalid"));
        }

        var workflow = new List<(string, string)> { (GenAIAttributes.WorkflowName, o.Pipeline) };
        if (o.Status is { } status)
        {
            workflow.Add((GenAIAttributes.RunStatus, status));
        }

        var half = (o.Cost / 2).ToString(CultureInfo.InvariantCulture);
        return
        [
            Span(runId, runId + "-wf", GenAIOperations.InvokeWorkflow, start, TimeSpan.FromSeconds(10), null, [.. workflow]),
            Span(runId, runId + "-agent", GenAIOperations.InvokeAgent, start.AddSeconds(1), TimeSpan.FromSeconds(8), runId + "-wf", [.. agent]),
            Span(runId, runId + "-chat1", GenAIOperations.Chat, start.AddSeconds(2), TimeSpan.FromSeconds(1), runId + "-agent",
                (GenAIAttributes.AgentName, o.Agent), (GenAIAttributes.InputTokens, "100"), (GenAIAttributes.OutputTokens, "20"), (GenAIAttributes.Cost, half)),
            Span(runId, runId + "-tool", GenAIOperations.ExecuteTool, start.AddSeconds(3), TimeSpan.FromSeconds(1), runId + "-agent",
                (GenAIAttributes.ToolName, "lookup_vendor"), (GenAIAttributes.ToolOutcome, o.ToolOutcome), (GenAIAttributes.Attempts, o.ToolAttempts.ToString(CultureInfo.InvariantCulture))),
            Span(runId, runId + "-chat2", GenAIOperations.Chat, start.AddSeconds(4), TimeSpan.FromSeconds(1), runId + "-agent",
                (GenAIAttributes.AgentName, o.Agent), (GenAIAttributes.InputTokens, "150"), (GenAIAttributes.OutputTokens, "30"), (GenAIAttributes.Cost, half),
                (GenAIAttributes.Retry, o.RetriedModelCall ? "true" : "false")),
        ];
    }

    /// <summary>A span reads back field for field (attributes, events, µs durations), in start order with the sequence breaking ties.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Append_ThenGetSpans_EveryFieldRoundTrips_OrderedByStartThenSequence()
    {
        var store = await CreateStoreAsync();
        var events = new List<TraceSpanEvent> { new("route", T0.AddMilliseconds(5), new Dictionary<string, string> { ["to"] = "billing" }) };
        var first = Span("run-1", "b", "custom", T0, TimeSpan.FromMilliseconds(1.5), null, ("x", "1"), ("ünïcode", "ü")) with
        {
            Sequence = 2,
            Status = "error",
            StatusDescription = "tool failed",
            Events = events,
        };
        var tie = Span("run-1", "a", null, T0, TimeSpan.FromSeconds(2), "b") with { Sequence = 1 };
        var later = Span("run-1", "c", GenAIOperations.Chat, T0.AddMilliseconds(1), parent: "b");

        await store.AppendAsync([first, later, tie], Ct);
        var spans = await store.GetSpansAsync("run-1", Ct);

        spans.Select(s => s.SpanId).ShouldBe(["a", "b", "c"], "by start time, then the recorder's sequence");
        var b = spans[1];
        (b.RunId, b.TraceId, b.ParentSpanId, b.Name, b.Operation, b.StartedAt, b.Duration, b.Status, b.StatusDescription, b.Sequence)
            .ShouldBe(("run-1", "trace-run-1", (string?)null, "custom", (string?)"custom", T0, TimeSpan.FromMilliseconds(1.5), "error", (string?)"tool failed", 2L));
        b.Attributes.ShouldBe(new Dictionary<string, string> { ["x"] = "1", ["ünïcode"] = "ü" }, ignoreOrder: true);
        var e = b.Events.ShouldHaveSingleItem();
        (e.Name, e.At, e.Attributes["to"]).ShouldBe(("route", T0.AddMilliseconds(5), "billing"));
        spans[0].Operation.ShouldBeNull();
        spans[0].ParentSpanId.ShouldBe("b");
        (await store.GetSpansAsync("run-unknown", Ct)).ShouldBeEmpty();
    }

    /// <summary>The summary of one appended run counts calls, retries, errors, tokens, cost and the lowest confidence.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Append_AWorkflowRun_SummaryCountsCallsTokensCostAndConfidence()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Run("run-1", T0, new RunShape { RetriedModelCall = true, ToolOutcome = "error", ToolAttempts = 3, Cost = 0.004m, Confidence = 0.82 }), Ct);

        var run = (await store.GetRunAsync("run-1", Ct)).ShouldNotBeNull();
        run.Pipeline.ShouldBe("invoice-extraction");
        run.Status.ShouldBe("completed");
        (run.StartedAt, run.EndedAt).ShouldBe((T0, T0.AddSeconds(10)));
        (run.Spans, run.AgentInvocations, run.ModelCalls, run.RetriedModelCalls, run.ToolCalls, run.ToolErrors, run.ToolRetries).ShouldBe((5, 1, 2, 1, 1, 1, 2));
        (run.InputTokens, run.OutputTokens).ShouldBe((250L, 50L));
        (run.Cost, run.RetryCost).ShouldBe((0.004m, 0.002m));
        run.MinConfidence.ShouldBe(0.82);
        run.Agents.ShouldBe(["reader"]);
        run.Correct.ShouldBeNull();
        (await store.GetRunAsync("run-unknown", Ct)).ShouldBeNull();
    }

    /// <summary>A re-sent span is ignored, in a later batch or twice in one batch; the summary counts it once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Append_TheSameSpansAgain_Ignored_AlsoWithinOneBatch()
    {
        var store = await CreateStoreAsync();
        var spans = Run("run-1", T0);
        await store.AppendAsync(spans, Ct);
        await store.AppendAsync(spans, Ct);
        await store.AppendAsync([spans[2], spans[2] with { Name = "a resent copy" }], Ct);

        var run = (await store.GetRunAsync("run-1", Ct)).ShouldNotBeNull();
        (run.Spans, run.ModelCalls, run.InputTokens).ShouldBe((5, 2, 250L), "a re-sent batch is harmless");
        (await store.GetSpansAsync("run-1", Ct)).Count.ShouldBe(5);

        var store2 = await OpenSameDatabaseAsync();
        var extra = Span("run-2", "x", GenAIOperations.Chat, T0, attributes: [(GenAIAttributes.InputTokens, "7")]);
        await store2.AppendAsync([extra, extra with { Name = "twin" }], Ct);
        (await store2.GetSpansAsync("run-2", Ct)).ShouldHaveSingleItem().Name.ShouldBe(GenAIOperations.Chat, "the first of two equal ids in a batch is the one stored");
        (await store2.GetRunAsync("run-2", Ct)).ShouldNotBeNull().InputTokens.ShouldBe(7);
    }

    /// <summary>A run arriving in several batches is summarized exactly as TraceRunSummary.Merge says.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Append_InBatches_MergedLikeTraceRunSummaryMerge()
    {
        var store = await CreateStoreAsync();
        var spans = Run("run-1", T0, new RunShape { Agent = "writer", Confidence = 0.9, Status = null });
        var second = Run("run-1", T0, new RunShape { Agent = "checker", Confidence = 0.6 });

        // The agent's spans arrive first, the run's own span (with pipeline and status) last; a second agent in between.
        await store.AppendAsync(spans.Skip(1).ToList(), Ct);
        var partial = (await store.GetRunAsync("run-1", Ct)).ShouldNotBeNull();
        (partial.Pipeline, partial.Status, partial.StartedAt).ShouldBe(((string?)null, (string?)null, T0.AddSeconds(1)));
        await store.AppendAsync(second.Skip(1).Select(s => s with { SpanId = s.SpanId + "-2", StartedAt = s.StartedAt.AddSeconds(20) }).ToList(), Ct);
        await store.AppendAsync([spans[0] with { Attributes = new Dictionary<string, string> { [GenAIAttributes.WorkflowName] = "invoice-extraction", [GenAIAttributes.RunStatus] = "waiting" } }], Ct);

        var expected = TraceSummarizer.Summarize(spans.Skip(1)).Single()
            .Merge(TraceSummarizer.Summarize(second.Skip(1).Select(s => s with { SpanId = s.SpanId + "-2", StartedAt = s.StartedAt.AddSeconds(20) })).Single())
            .Merge(TraceSummarizer.Summarize([spans[0] with { Attributes = new Dictionary<string, string> { [GenAIAttributes.WorkflowName] = "invoice-extraction", [GenAIAttributes.RunStatus] = "waiting" } }]).Single());
        var run = (await store.GetRunAsync("run-1", Ct)).ShouldNotBeNull();
        run.Agents.ShouldBe(["checker", "writer"], "the union, sorted");
        run.MinConfidence.ShouldBe(0.6);
        (run.Pipeline, run.Status).ShouldBe(("invoice-extraction", "waiting"));
        (run.StartedAt, run.EndedAt).ShouldBe((T0, T0.AddSeconds(29)));
        run.ShouldBe(expected with { Agents = run.Agents }, "every field merges as TraceRunSummary.Merge says");
        run.Agents.ShouldBe(expected.Agents);
    }

    /// <summary>A ground-truth verdict shows on the summary whether it came before or after the spans; the last one counts.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SetCorrect_BeforeOrAfterTheSpans_ShowsOnTheSummary_LastVerdictWins()
    {
        var store = await CreateStoreAsync();
        await store.SetCorrectAsync("run-1", false, Ct);
        await store.AppendAsync(Run("run-1", T0), Ct);
        (await store.GetRunAsync("run-1", Ct)).ShouldNotBeNull().Correct.ShouldBe(false, "a verdict may arrive before the spans");

        await store.SetCorrectAsync("run-1", true, Ct);
        (await store.GetRunAsync("run-1", Ct)).ShouldNotBeNull().Correct.ShouldBe(true);
    }

    /// <summary>Pruning removes whole runs (summary, spans, verdict) that ended before the cut-off, and only those.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Prune_RunsEndedBeforeTheCut_GoWithTheirSpansAndVerdicts()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Run("old", T0), Ct);
        await store.AppendAsync(Run("new", T0.AddHours(1)), Ct);
        await store.SetCorrectAsync("old", true, Ct);
        await store.SetCorrectAsync("new", true, Ct);

        (await store.PruneAsync(T0.AddSeconds(10), Ct)).ShouldBe(0, "'old' ended exactly at the cut, not before it");
        (await store.PruneAsync(T0.AddMinutes(30), Ct)).ShouldBe(1);

        (await store.GetRunAsync("old", Ct)).ShouldBeNull();
        (await store.GetSpansAsync("old", Ct)).ShouldBeEmpty();
        await store.AppendAsync([Span("old", "late", null, T0.AddHours(2))], Ct);
        (await store.GetRunAsync("old", Ct)).ShouldNotBeNull().Correct.ShouldBeNull("the verdict went with the run");
        (await store.GetRunAsync("new", Ct)).ShouldNotBeNull().Correct.ShouldBe(true);
        (await store.GetSpansAsync("new", Ct)).Count.ShouldBe(5);
    }

    /// <summary>Appends prune runs older than the retention as they go by.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Retention_AnAppendLaterThanThePruneInterval_PrunesRunsOlderThanTheRetention()
    {
        var store = await CreateStoreAsync(TimeSpan.FromDays(30));
        await store.AppendAsync(Run("old", Clock.GetUtcNow()), Ct);
        Clock.Advance(TimeSpan.FromDays(40));
        await store.AppendAsync(Run("recent", Clock.GetUtcNow()), Ct);

        (await store.GetRunAsync("old", Ct)).ShouldBeNull("the append 40 days later pruned it (retention 30 days)");
        (await store.GetSpansAsync("old", Ct)).ShouldBeEmpty();
        (await store.GetRunAsync("recent", Ct)).ShouldNotBeNull();
    }
}

/// <summary>What a run built by <see cref="TraceStoreContractTests"/> did.</summary>
public sealed record RunShape
{
    /// <summary>Gets the agent.</summary>
    public string Agent { get; init; } = "reader";

    /// <summary>Gets the pipeline.</summary>
    public string Pipeline { get; init; } = "invoice-extraction";

    /// <summary>Gets the run status, or <see langword="null"/> for a run span without one.</summary>
    public string? Status { get; init; } = "completed";

    /// <summary>Gets the agent's status.</summary>
    public string AgentStatus { get; init; } = "Succeeded";

    /// <summary>Gets the agent's confidence.</summary>
    public double Confidence { get; init; } = 0.9;

    /// <summary>Gets the stop reason, or <see langword="null"/>.</summary>
    public string? StopReason { get; init; }

    /// <summary>Gets a value indicating whether the output failed validation.</summary>
    public bool InvalidOutput { get; init; }

    /// <summary>Gets a value indicating whether the second model call was a retry.</summary>
    public bool RetriedModelCall { get; init; }

    /// <summary>Gets the inference cost of the two model calls together.</summary>
    public decimal Cost { get; init; } = 0.002m;

    /// <summary>Gets the tool call's outcome.</summary>
    public string ToolOutcome { get; init; } = "ok";

    /// <summary>Gets the tool call's attempts.</summary>
    public int ToolAttempts { get; init; } = 1;
}
