using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Tools;

namespace Foreman.Workflows.StoreContract.Reviews;

/// <summary>
/// The behaviour every <see cref="IReviewStore"/> must have (the contract written on the interface). A store's
/// test project derives from this class and says how to make a fresh, ready store; the tests are inherited.
/// </summary>
/// <remarks>
/// Times are whole milliseconds after <see cref="T0"/>: stores must keep at least millisecond precision. No test
/// reads the clock or sleeps.
/// </remarks>
public abstract partial class ReviewStoreContractTests : IAsyncLifetime
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
    protected abstract Task<IReviewStore> CreateStoreAsync();

    /// <summary>
    /// Creates another ready store over the database of the last <see cref="CreateStoreAsync"/>, as a second
    /// process would.
    /// </summary>
    /// <returns>The store.</returns>
    protected abstract Task<IReviewStore> OpenSameDatabaseAsync();

    /// <summary>A pending item with every optional field set.</summary>
    /// <param name="id">The item id.</param>
    /// <param name="createdAt">When it was created; <see cref="T0"/> when omitted.</param>
    /// <param name="queue">The queue.</param>
    /// <param name="runId">The waiting run.</param>
    /// <param name="decisionType">The decision type.</param>
    /// <param name="amount">The amount in the packet and the action.</param>
    /// <returns>The item.</returns>
    protected static ReviewItem Item(string id, DateTimeOffset? createdAt = null, string queue = "finance", string runId = "run-1", string decisionType = "refund", decimal amount = 10m)
    {
        var at = createdAt ?? T0;
        var arguments = JsonSerializer.SerializeToElement(new { order_id = "B-1", amount });
        return new ReviewItem
        {
            ItemId = id,
            Queue = queue,
            RunId = runId,
            DecisionType = decisionType,
            Level = AutonomyLevel.ProposalWithApproval,
            Packet = new EscalationPacket
            {
                Goal = "Refund order B-1",
                DecisionNeeded = $"Refund EUR {amount}?",
                Options = [new ReviewOption("Approve", "money leaves"), new ReviewOption("Reject", "nothing moves")],
                Evidence = [new ReviewEvidence("get_order", "Carafe", """{"total":10}""")],
                Confidence = 0.8,
                Amount = amount,
                Currency = "EUR",
                Urgency = ReviewUrgency.High,
                Analysis = "Broken on arrival.",
            },
            ToolName = "issue_refund",
            ProposedAction = arguments.GetRawText(),
            ActionHash = ActionHash.Compute("issue_refund", arguments),
            ActionSchema = """{"type":"object"}""",
            CreatedAt = at,
            DueAt = at.AddHours(24),
            HumanCost = 4.70m,
            CostCurrency = "EUR",
            EscalatedFrom = "rev_parent",
        };
    }

    /// <summary>Creates a fresh store holding the given items.</summary>
    private async Task<IReviewStore> StoreWithAsync(params ReviewItem[] items)
    {
        var store = await CreateStoreAsync();
        foreach (var item in items)
        {
            (await store.CreateAsync(item, Ct)).Created.ShouldBeTrue();
        }

        return store;
    }

    private static ReviewDecision Approve(string by = "alice") => new(ReviewStatus.Approved, by, "fine");

    private static Task<DecideResult> DecideAsync(IReviewStore store, string id, ReviewDecision decision, DateTimeOffset at) =>
        store.DecideAsync(id, decision, decision.Verdict == ReviewStatus.Rejected ? null : "hash-approved", at, Ct);
}
