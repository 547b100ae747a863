using System.Text.Json;
using Foreman.Reviews;
using Foreman.Samples.Pipelines;
using Foreman.Samples.Pipelines.Tickets;
using Foreman.Workflows;

namespace Foreman.Patterns.Tests.Samples;

public sealed class TicketPipelineTests
{
    [Fact]
    public async Task Pipeline_EndToEnd_EachRouteDoesItsJob()
    {
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => new TicketTriageWorkflow(runtime, reviews), SimulationRates.Default with { ClassificationError = 0, ReplyDefect = 0 });

        var results = (await harness.RunAsync(SamplePipelines.Tickets, 60, 9))
            .Select(r => (r.Item, r.Score, Result: JsonSerializer.Deserialize<TicketResult>(r.Output, WorkflowJson.DefaultOptions)!)).ToList();

        results.ShouldAllBe(r => r.Result.Route == ((TicketTruth)r.Item.Truth).Route);
        results.Where(r => r.Result.Route != "urgent").ShouldAllBe(r => !r.Score.Escalated && r.Score.Correct && r.Result.ValidatorProblems.Count == 0);

        // Urgent tickets go to a person with a drafted reply, in the urgent queue.
        var urgent = results.Where(r => r.Result.Route == "urgent").ToList();
        urgent.ShouldNotBeEmpty();
        urgent.ShouldAllBe(r => r.Score.Escalated && r.Result.Reply!.StartsWith("Hello", StringComparison.Ordinal));
        var pending = await harness.Reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending, TicketTriageWorkflow.UrgentQueue), CancellationToken.None);
        pending.Count.ShouldBe(urgent.Count);
        pending.ShouldAllBe(p => p.Packet.Urgency == ReviewUrgency.Critical && p.ProposedAction.Contains("Hello", StringComparison.Ordinal));

        // Order status is an API lookup: the classifier is the only model call.
        results.Where(r => r.Result.Route == "order_status").ShouldAllBe(r => r.Result.ModelCalls == 1);

        // Returns go through the policy: both outcomes occur.
        results.Where(r => r.Result.Route == "returns").Select(r => r.Result.ReturnEligible).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Pipeline_InventedFigureInAReply_IsCaughtByTheValidatorAndHandedOver()
    {
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => new TicketTriageWorkflow(runtime, reviews), SimulationRates.Default with { ClassificationError = 0, ReplyDefect = 1 });

        var results = (await harness.RunAsync(SamplePipelines.Tickets, 40, 4))
            .Select(r => (r.Item, r.Score, Result: JsonSerializer.Deserialize<TicketResult>(r.Output, WorkflowJson.DefaultOptions)!)).ToList();

        var general = results.Where(r => r.Result.Route == "general").ToList();
        general.ShouldNotBeEmpty();
        general.Where(r => !(r.Score.Escalated && r.Result.ValidatorProblems.Any(p => p.StartsWith("accuracy:", StringComparison.Ordinal)))).Select(r => r.Result.Reply).ShouldBeEmpty();
        var pending = await harness.Reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending, TicketTriageWorkflow.SupportQueue), CancellationToken.None);
        pending.Count.ShouldBe(general.Count);
    }

    [Fact]
    public void ReplyValidator_ChecksToneAndEveryFigure()
    {
        const string facts = "Standard delivery takes 2 to 4 working days in Germany.";

        ReplyValidator.Validate("Hello Jane, standard delivery takes 2 to 4 working days in Germany. Kind regards", facts).ShouldBeEmpty();
        ReplyValidator.Validate("Hello Jane, standard delivery takes 2 to 5 working days in Germany. Kind regards", facts).ShouldHaveSingleItem().ShouldContain("\"5\"");
        ReplyValidator.Validate("Standard delivery takes 2 to 4 working days, as I already said. Kind regards, the team", facts)
            .ShouldBe(["tone: the reply does not open with a greeting", "tone: dismissive phrase \"as i already said\""]);
        ReplyValidator.Validate("Hello, delivery takes 2 to 4 days. PLEASE wait and stop writing to us.", facts).ShouldContain(p => p.Contains("shouting", StringComparison.Ordinal));
        ReplyValidator.Validate(null, facts).ShouldBe(["the reply is empty"]);
    }

    [Fact]
    public void ReturnPolicy_DecidesByConditionWindowAndFinalSale()
    {
        var delivered = new TicketOrder("A-11112", "delivered", "DHL", OrderSystem.Today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "kettle", 40m, false);

        ReturnPolicy.Decide(delivered, "unopened").ShouldBe((true, "within_30_days"));
        ReturnPolicy.Decide(delivered, "opened").ShouldBe((false, "opened_item"));
        ReturnPolicy.Decide(delivered with { FinalSale = true }, "unopened").ShouldBe((false, "final_sale"));
        ReturnPolicy.Decide(delivered with { FinalSale = true }, "damaged").ShouldBe((true, "damaged_on_arrival"));
        ReturnPolicy.Decide(delivered with { EstimatedDelivery = "2026-09-01" }, "unopened").ShouldBe((false, "outside_30_days"));
        ReturnPolicy.Decide(delivered with { Status = "in_transit" }, "damaged").ShouldBe((false, "not_delivered_yet"));
        ReturnPolicy.Decide(null, "unopened").ShouldBe((false, "order_not_found"));
    }
}
