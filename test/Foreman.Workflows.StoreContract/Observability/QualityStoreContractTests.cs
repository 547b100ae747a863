using Foreman.Quality;

namespace Foreman.Workflows.StoreContract.Observability;

/// <summary>
/// The behaviour every <see cref="IQualityStore"/> must have: idempotent samples, verification as a compare-and-set
/// (also between nodes), and agent states as a history whose latest entry counts.
/// </summary>
public abstract class QualityStoreContractTests : IAsyncLifetime
{
    /// <summary>The time the tests start at.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the cancellation token of the tests.</summary>
    protected static CancellationToken Ct => CancellationToken.None;

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Creates a ready (initialized) store over a new, empty database.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IQualityStore> CreateStoreAsync();

    /// <summary>Creates another ready store over the database of the last <see cref="CreateStoreAsync"/>, as a second node would.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IQualityStore> OpenSameDatabaseAsync();

    /// <summary>A pending sample.</summary>
    /// <param name="id">The sample id.</param>
    /// <param name="at">When it was sampled.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="taskType">The task type.</param>
    /// <param name="pipeline">The pipeline.</param>
    /// <returns>The sample.</returns>
    protected static QualitySample Sample(string id, DateTimeOffset at, string agent = "reader", string taskType = "invoice", string pipeline = "invoice-extraction") => new()
    {
        SampleId = id,
        RunId = "run-" + id,
        Pipeline = pipeline,
        Agent = agent,
        TaskType = taskType,
        Output = """{"total":12.5}""",
        Confidence = 0.87,
        SampledAt = at,
        ReviewItemId = "rev-" + id,
    };

    private static QualitySample Verdict(QualitySample sample, string by, bool correct) => sample with
    {
        Status = QualitySampleStatus.Verified,
        Correct = correct,
        Expected = """{"total":12.0}""",
        TruePositives = 3,
        FalsePositives = 1,
        FalseNegatives = 2,
        VerifiedBy = by,
        VerifiedAt = T0.AddHours(1),
    };

    /// <summary>A sample reads back field for field; adding it again changes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddSample_RoundTrips_AndIsIdempotentById()
    {
        var store = await CreateStoreAsync();
        var sample = Sample("qs_1", T0);

        var (stored, created) = await store.AddSampleAsync(sample, Ct);
        var (again, createdAgain) = await store.AddSampleAsync(sample with { Output = "different" }, Ct);

        created.ShouldBeTrue();
        stored.ShouldBe(sample);
        createdAgain.ShouldBeFalse();
        again.ShouldBe(sample, "sampling the same output again is harmless");
        (await store.GetSampleAsync("qs_1", Ct)).ShouldBe(sample);
        (await store.GetSampleAsync("qs_unknown", Ct)).ShouldBeNull();
    }

    /// <summary>Listing samples applies every filter and returns the oldest first.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListSamples_EveryFilterHolds_OldestFirst()
    {
        var store = await CreateStoreAsync();
        await store.AddSampleAsync(Sample("qs_3", T0.AddMinutes(2), agent: "writer"), Ct);
        await store.AddSampleAsync(Sample("qs_1", T0), Ct);
        await store.AddSampleAsync(Sample("qs_2", T0.AddMinutes(1), taskType: "receipt", pipeline: "receipts"), Ct);
        await store.VerifyAsync(Verdict(Sample("qs_1", T0), "dana", correct: true), Ct);

        (await store.ListSamplesAsync(new QualitySampleQuery(), Ct)).Select(s => s.SampleId).ShouldBe(["qs_1", "qs_2", "qs_3"]);
        (await store.ListSamplesAsync(new QualitySampleQuery(Agent: "reader"), Ct)).Select(s => s.SampleId).ShouldBe(["qs_1", "qs_2"]);
        (await store.ListSamplesAsync(new QualitySampleQuery(TaskType: "receipt"), Ct)).Select(s => s.SampleId).ShouldBe(["qs_2"]);
        (await store.ListSamplesAsync(new QualitySampleQuery(Pipeline: "invoice-extraction"), Ct)).Select(s => s.SampleId).ShouldBe(["qs_1", "qs_3"]);
        (await store.ListSamplesAsync(new QualitySampleQuery(Status: QualitySampleStatus.Pending), Ct)).Select(s => s.SampleId).ShouldBe(["qs_2", "qs_3"]);
        (await store.ListSamplesAsync(new QualitySampleQuery(Since: T0.AddMinutes(1), Until: T0.AddMinutes(2)), Ct)).Select(s => s.SampleId).ShouldBe(["qs_2"], "since inclusive, until exclusive");
        (await store.ListSamplesAsync(new QualitySampleQuery(Agent: "reader", Status: QualitySampleStatus.Verified), Ct)).Select(s => s.SampleId).ShouldBe(["qs_1"]);
    }

    /// <summary>A sample is verified once; later verdicts get the stored one back.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Verify_OnceOnly_LaterVerdictsReturnTheStoredOne()
    {
        var store = await CreateStoreAsync();
        var sample = Sample("qs_1", T0);
        await store.AddSampleAsync(sample, Ct);

        var first = (await store.VerifyAsync(Verdict(sample, "dana", correct: false), Ct)).ShouldNotBeNull();
        var second = (await store.VerifyAsync(Verdict(sample, "eli", correct: true), Ct)).ShouldNotBeNull();

        first.Applied.ShouldBeTrue();
        first.Sample.ShouldBe(Verdict(sample, "dana", correct: false));
        second.Applied.ShouldBeFalse();
        second.Sample.ShouldBe(first.Sample);
        (await store.VerifyAsync(Verdict(Sample("qs_unknown", T0), "dana", correct: true), Ct)).ShouldBeNull();
    }

    /// <summary>Of verdicts from two nodes at once exactly one applies, and every caller sees it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Verify_TwoNodesAtOnce_ExactlyOneVerdictApplies()
    {
        var first = await CreateStoreAsync();
        var second = await OpenSameDatabaseAsync();
        var sample = Sample("qs_1", T0);
        await first.AddSampleAsync(sample, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).VerifyAsync(Verdict(sample, $"reviewer-{i}", correct: i % 3 == 0), Ct))));

        results.Count(r => r!.Value.Applied).ShouldBe(1);
        var winner = results.Single(r => r!.Value.Applied)!.Value.Sample;
        results.ShouldAllBe(r => r!.Value.Sample == winner, "the losers see the winner's verdict");
    }

    /// <summary>An agent's latest state counts; never-changed agents have none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AgentStates_LatestPerAgentCounts_HistoryKept()
    {
        var store = await CreateStoreAsync();
        (await store.GetAgentStateAsync("reader", Ct)).ShouldBeNull("never changed: enabled");
        (await store.ListAgentStatesAsync(Ct)).ShouldBeEmpty();

        await store.SetAgentStateAsync(new AgentQualityState("reader", true, "accuracy 0.61 < 0.80", T0, "quality-monitor"), Ct);
        await store.SetAgentStateAsync(new AgentQualityState("writer", true, "drift", T0.AddMinutes(1), "quality-monitor"), Ct);
        await store.SetAgentStateAsync(new AgentQualityState("reader", false, "fixed the prompt", T0.AddHours(1), "dana"), Ct);

        (await store.GetAgentStateAsync("reader", Ct)).ShouldBe(new AgentQualityState("reader", false, "fixed the prompt", T0.AddHours(1), "dana"));
        (await store.ListAgentStatesAsync(Ct)).ShouldBe(
        [
            new AgentQualityState("reader", false, "fixed the prompt", T0.AddHours(1), "dana"),
            new AgentQualityState("writer", true, "drift", T0.AddMinutes(1), "quality-monitor"),
        ]);
    }
}
