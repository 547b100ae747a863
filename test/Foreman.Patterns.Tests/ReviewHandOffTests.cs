using Foreman.Patterns.Escalation;
using Foreman.Reviews;
using Foreman.Sqlite;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Foreman.Workflows.Tests;

namespace Foreman.Patterns.Tests;

public sealed class ReviewHandOffTests
{
    [Fact]
    public async Task HandOver_CreatesOnePendingItem_EvenWhenTheRunReplays()
    {
        var folder = Directory.CreateTempSubdirectory("foreman-handoff-").FullName;
        var path = Path.Combine(folder, "reviews.db");
        await using (var schema = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = path }))
        {
            await schema.InitializeAsync(CancellationToken.None);
        }

        var reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = path });
        await reviews.InitializeAsync(CancellationToken.None);
        var handOff = new ReviewHandOff(reviews) { HumanCost = 3.10m, Sla = TimeSpan.FromHours(4) };
        var name = "handoff-" + Guid.NewGuid().ToString("N")[..8];

        // The hand-over, then a wait: the resume replays the workflow, hand-over included.
        var workflow = new DelegateWorkflow<string, string>(name, async (ctx, _) =>
        {
            var itemId = await handOff.HandOverAsync(ctx, "accounts-payable", "invoice-reading", "book_invoice", PatternHarness.Json(new { total = 575 }), new EscalationPacket
            {
                Goal = "Book invoice INV-1.",
                DecisionNeeded = "Confirm the total.",
                Amount = 575m,
                Currency = "EUR",
            });
            await ctx.WaitForEventAsync<string>("resume");
            return itemId;
        });
        await using var engine = await EngineHarness.StartAsync(workflow);
        var (run, _) = await engine.Engine.SubmitAsync(name, "go");
        await engine.WaitUntilAsync(run.RunId, r => r.Status == RunStatus.Waiting, TimeSpan.FromSeconds(1));
        await engine.Engine.DeliverEventAsync(run.RunId, "resume", "now");
        var done = await engine.WaitForAsync(run.RunId, TimeSpan.FromSeconds(1));

        var items = await reviews.ListAsync(new ReviewQuery(RunId: run.RunId), CancellationToken.None);
        var item = items.ShouldHaveSingleItem();
        item.ItemId.ShouldBe(engine.Engine.ReadOutput<string>(done));
        item.Status.ShouldBe(ReviewStatus.Pending);
        item.Queue.ShouldBe("accounts-payable");
        item.Level.ShouldBe(Foreman.Autonomy.AutonomyLevel.AssistanceOnly, "a hand-over is never an action the engine executes");
        item.HumanCost.ShouldBe(3.10m);
        (item.DueAt - item.CreatedAt).ShouldBe(TimeSpan.FromHours(4));
        item.ProposedAction.ShouldContain("575");
        Directory.Delete(folder, recursive: true);
    }
}
