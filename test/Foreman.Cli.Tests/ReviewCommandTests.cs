using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Samples.Reviews;
using Foreman.Sqlite;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Tests;

public sealed class ReviewCommandTests
{
    [Fact]
    public async Task RefundApproval_EscalatesThenCompletesAfterCliApproval_AcrossARestart()
    {
        using var db = new WorkflowDatabase();
        var ledger = new InMemoryRefundLedger();

        // First process: the run escalates the refund to the finance queue and waits.
        string runId;
        string itemId;
        await using (var first = await Host.StartAsync(db.Path, ledger))
        {
            runId = (await first.Engine.SubmitAsync(RefundApprovalWorkflow.WorkflowName, new RefundApprovalRequest("B-2201", "The carafe arrived shattered."))).Run.RunId;
            itemId = (await Poll(async () => (await first.Reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending, RefundApprovalWorkflow.Queue, runId), default)).FirstOrDefault())).ItemId;
            await Poll(async () => await first.Store.GetRunAsync(runId, default) is { Status: RunStatus.Waiting } run ? run : null);
        }

        ledger.Refunds.ShouldBeEmpty();

        // Between processes: a reviewer works the queue from the command line.
        var list = await db.RunJsonAsync("review", "list", "--json");
        var listed = list.EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("id").GetString().ShouldBe(itemId);
        listed.GetProperty("packet").GetProperty("decisionNeeded").GetString().ShouldBe("Refund EUR 39.90 to the original payment method?");

        var (showCode, shown, _) = await db.RunAsync("review", "show", itemId);
        showCode.ShouldBe(0);
        shown.ShouldContain("Goal:       Resolve the customer's refund request for order B-2201.");
        shown.ShouldContain("get_order: Glass carafe 1.2 l, EUR 39.90");
        shown.ShouldContain("Confidence: 0.90");

        var (invalidCode, _, invalidError) = await db.RunAsync("review", "modify", itemId, "--set", "amount=9000", "--reviewer", "alice");
        invalidCode.ShouldBe(ExitCodes.UsageError);
        invalidError.ShouldContain("invalid");

        var (rejectCode, _, rejectError) = await db.RunAsync("review", "reject", itemId);
        rejectCode.ShouldBe(ExitCodes.UsageError);
        rejectError.ShouldContain("--reason");

        var (approveCode, approved, approveError) = await db.RunAsync("review", "modify", itemId, "--set", "amount=30", "--set", "reason=Partial: glass only", "--reviewer", "alice");
        approveCode.ShouldBe(0, approveError);
        approved.ShouldContain("modified by alice");

        var (againCode, _, againError) = await db.RunAsync("review", "approve", itemId, "--reviewer", "bob");
        againCode.ShouldBe(ExitCodes.Failed);
        againError.ShouldContain("already modified by alice");

        // Second process on the same file: the run resumes and refunds exactly the approved values.
        await using (var second = await Host.StartAsync(db.Path, ledger))
        {
            var run = await Poll(async () => await second.Store.GetRunAsync(runId, default) is { Status: RunStatus.Completed } done ? done : null);
            var result = second.Engine.ReadOutput<RefundApprovalResult>(run)!;
            result.Outcome.ShouldBe("refunded");
            result.Amount.ShouldBe(30m);
            result.DecidedBy.ShouldBe("alice");
            result.ReviewItemId.ShouldBe(itemId);
        }

        ledger.Refunds.Values.ShouldHaveSingleItem().Amount.ShouldBe(30m);
        var (_, pending, _) = await db.RunAsync("review", "list");
        pending.ShouldContain("No pending review items.");
    }

    [Fact]
    public async Task Show_UnknownItem_Fails()
    {
        using var db = new WorkflowDatabase();
        await using (await Host.StartAsync(db.Path, new InMemoryRefundLedger()))
        {
        }

        var (code, _, error) = await db.RunAsync("review", "show", "rev_missing");

        code.ShouldBe(ExitCodes.Failed);
        error.ShouldContain("no review item 'rev_missing'");
    }

    private static async Task<T> Poll<T>(Func<Task<T?>> probe)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        throw new TimeoutException("The condition never held.");
    }

    /// <summary>One "process": the stores, an engine with the refund sample and a running worker.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _worker = Task.CompletedTask;

        public SqliteWorkflowStore Store { get; private init; } = null!;

        public SqliteReviewStore Reviews { get; private init; } = null!;

        public WorkflowEngine Engine { get; private set; } = null!;

        public static async Task<Host> StartAsync(string path, IRefundLedger ledger)
        {
            var store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = path });
            await store.InitializeAsync(default);
            var reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = path });
            await reviews.InitializeAsync(default);
            var host = new Host { Store = store, Reviews = reviews };
            var gate = new ReviewGate(reviews, new AutonomyTracker(reviews, new AutonomyPolicy([])), RefundApprovalWorkflow.CreateGateOptions());
            host.Engine = new WorkflowEngine(store, [new RefundApprovalWorkflow(gate, ledger)]);

            // A worker starting up delivers decisions a crash may have stranded.
            await new ReviewService(reviews, host.Engine).ReconcileAsync(default);
            host._worker = new WorkflowWorker(host.Engine, new WorkflowWorkerOptions { PollInterval = TimeSpan.FromMilliseconds(50), LeaseDuration = TimeSpan.FromSeconds(5) }).RunAsync(host._stop.Token);
            return host;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _worker;
            _stop.Dispose();
            await Store.DisposeAsync();
        }
    }
}
