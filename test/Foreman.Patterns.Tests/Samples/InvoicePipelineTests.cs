using Foreman.Reviews;
using Foreman.Samples.Pipelines;
using Foreman.Samples.Pipelines.Invoices;
using Foreman.Workflows;

namespace Foreman.Patterns.Tests.Samples;

public sealed class InvoicePipelineTests
{
    [Fact]
    public void Dataset_IsDeterministic_AndItsTruthFollowsTheRoutingRules()
    {
        var first = InvoiceDataset.Generate(300, 11);
        var again = InvoiceDataset.Generate(300, 11);
        var other = InvoiceDataset.Generate(300, 12);

        again.ShouldBe(first);
        other.Select(c => c.Text).ShouldNotBe(first.Select(c => c.Text));
        first.Select(c => c.Truth.Queue).Distinct().Order().ShouldBe(["finance-director", "legal", "standard"]);
        first.Where(c => c.Truth.DocumentType == "invoice").ShouldAllBe(c => c.Truth.Queue == (c.Truth.Total > 10_000m ? "finance-director" : "standard"));
        first.Where(c => c.Truth.DocumentType == "invoice").ShouldAllBe(c => c.Text.Contains(InvoiceDataset.Money(c.Truth.Total), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pipeline_EndToEnd_RoutesCorrectlyAndAccountsForThreeReaders()
    {
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => new InvoiceProcessingWorkflow(runtime, reviews));

        var results = await harness.RunAsync(SamplePipelines.Invoices, 60, 3);

        var handled = results.Where(r => !r.Score.Escalated).ToList();
        handled.Count.ShouldBeGreaterThan(55);
        handled.Count(r => r.Score.Correct).ShouldBeGreaterThanOrEqualTo(handled.Count - 3);
        var invoices = results.Where(r => r.Score.Consensus is not null).ToList();
        invoices.ShouldNotBeEmpty();
        invoices.ShouldAllBe(r => r.Score.Consensus!.Readings == 3);
        invoices.ShouldAllBe(r => r.Score.Consensus!.ConsensusCost > 2.5m * r.Score.Consensus.MeanInstanceCost);
        results.Where(r => ((InvoiceTruth)r.Item.Truth).DocumentType == "contract" && !r.Score.Escalated).ShouldAllBe(r => r.Output.Contains("\"queue\":\"legal\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pipeline_NoMajorityOnTheAmount_HandsTheDocumentToAccountsPayable()
    {
        // Every reader misreads, each in its own way: the three readings disagree and nobody may guess.
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => new InvoiceProcessingWorkflow(runtime, reviews), SimulationRates.Default with { AmountError = 1, ClassificationError = 0 });

        var results = await harness.RunAsync(SamplePipelines.Invoices, 12, 5);

        var invoices = results.Where(r => ((InvoiceTruth)r.Item.Truth).DocumentType == "invoice")
            .Select(r => (r.Score, Result: System.Text.Json.JsonSerializer.Deserialize<InvoiceProcessingResult>(r.Output, WorkflowJson.DefaultOptions)!)).ToList();
        var disagreeing = invoices.Where(r => r.Result.AmountReadings.Distinct().Count() == 3).ToList();
        disagreeing.ShouldNotBeEmpty();
        disagreeing.ShouldAllBe(r => r.Score.Escalated && r.Result.Status == "escalated");
        disagreeing.ShouldAllBe(r => r.Result.EscalationReason!.Contains("amount", StringComparison.Ordinal) && r.Result.ReviewItemId != null);

        // Two readers that take the same wrong line (the net amount) do agree: correlated mistakes are why the
        // readers are prompted differently, and why the evidence measures rather than assumes independence.
        var pending = await harness.Reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending, InvoiceRouting.AccountsPayableReview), CancellationToken.None);
        pending.Count.ShouldBe(results.Count(r => r.Score.Escalated));
        var item = pending[0];
        item.Packet.DecisionNeeded.ShouldContain("total");
        item.Packet.Analysis!.ShouldContain("amount");
        item.ProposedAction.ShouldContain("amount_readings");
    }

    [Fact]
    public async Task Consensus_OnSixHundredDocuments_CutsTheAmountErrorToAFraction()
    {
        await using var harness = await PipelineHarness.StartAsync((runtime, reviews) => new InvoiceProcessingWorkflow(runtime, reviews));

        var samples = (await harness.RunAsync(SamplePipelines.Invoices, 600, 2026)).Select(r => r.Score.Consensus).OfType<ConsensusSample>().ToList();

        // Measured, not constructed: each reader errs independently at 4.2%; count what the pipeline produced.
        var perInstance = (double)samples.Sum(s => s.WrongReadings) / samples.Sum(s => s.Readings);
        var majority = (double)samples.Count(s => s.AgreedWrong) / samples.Count;
        perInstance.ShouldBeInRange(0.025, 0.06);
        majority.ShouldBeLessThanOrEqualTo(0.007);
        majority.ShouldBeLessThan(perInstance / 4);
        (samples.Sum(s => s.ConsensusCost) / samples.Sum(s => s.MeanInstanceCost)).ShouldBeInRange(2.9m, 3.1m);
    }
}
