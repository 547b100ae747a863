using System.Text.Json;
using Foreman.Patterns.Consensus;
using Foreman.Patterns.Workers;
using Foreman.Telemetry;

namespace Foreman.Patterns.Tests;

public sealed class ConsensusTests
{
    private static readonly WorkTask Task = WorkTask.Create("t", "read", new { text = "Total due: EUR 575.00" });

    [Fact]
    public void MajorityVote_TwoOfThreeAgree_WinsAndFlagsTheDissent()
    {
        var result = new MajorityVote("/total").Aggregate(Task, [Reading("a", 575.00m, 0.9), Reading("b", 575m, 0.8), Reading("c", 557m, 0.9)]);

        result.Outcome.ShouldBe(ConsensusOutcome.Agreed);
        result.Value!.Value.GetDecimal().ShouldBe(575m, "575 and 575.00 are the same value");
        result.Agreement.ShouldBe(2.0 / 3, 1e-9);
        result.Confidence.ShouldBe(2.0 / 3 * 0.85, 1e-9, "agreement times the agreeing instances' mean confidence");
        result.Flags.ShouldHaveSingleItem().ShouldContain("c disagrees: 557");
        result.Votes.Select(v => v.Agrees).ShouldBe([true, true, false]);
        result.Cost.ShouldBe(0.03m, "each instance is accounted");
    }

    [Fact]
    public void MajorityVote_Tie_Escalates()
    {
        var result = new MajorityVote("/label").Aggregate(Task, [Label("a", "returns"), Label("b", "billing"), Label("c", "returns"), Label("d", "billing")]);

        result.Outcome.ShouldBe(ConsensusOutcome.Escalate);
        result.Reason!.ShouldStartWith("Tie");
    }

    [Fact]
    public void MajorityVote_NoMajority_Escalates()
    {
        var result = new MajorityVote("/total").Aggregate(Task, [Reading("a", 575m), Reading("b", 557m), Reading("c", 5750m)]);

        result.Outcome.ShouldBe(ConsensusOutcome.Escalate);
        result.Reason!.ShouldStartWith("Tie");
        result.Agreement.ShouldBe(1.0 / 3, 1e-9);
    }

    [Fact]
    public void MajorityVote_FailedInstancesCountAsNoVote()
    {
        var failed = WorkResult.Failure(Task, "c", "timeout") with { Cost = 0.01m };
        var twoOfThree = new MajorityVote("/total").Aggregate(Task, [Reading("a", 575m), Reading("b", 575m), failed]);
        var oneOfThree = new MajorityVote("/total").Aggregate(Task, [Reading("a", 575m), WorkResult.Failure(Task, "b", "timeout"), failed]);

        twoOfThree.Outcome.ShouldBe(ConsensusOutcome.Agreed);
        twoOfThree.Flags.ShouldContain(f => f.Contains("c failure: timeout", StringComparison.Ordinal));
        twoOfThree.Cost.ShouldBe(0.03m, "a failed instance is still paid for");
        oneOfThree.Outcome.ShouldBe(ConsensusOutcome.Escalate, "one vote of three is not a majority");
    }

    [Fact]
    public void Median_FlagsOutliers_AndEscalatesWhenTooFewAgree()
    {
        var agreed = new MedianAggregate("/total") { Tolerance = 0.01 }.Aggregate(Task, [Reading("a", 100m), Reading("b", 100.5m), Reading("c", 180m)]);
        var scattered = new MedianAggregate("/total").Aggregate(Task, [Reading("a", 100m), Reading("b", 150m), Reading("c", 180m)]);
        var tooFew = new MedianAggregate("/total").Aggregate(Task, [Reading("a", 100m), WorkResult.Failure(Task, "b", "x"), WorkResult.Failure(Task, "c", "x")]);

        agreed.Outcome.ShouldBe(ConsensusOutcome.Agreed);
        agreed.Value!.Value.GetDecimal().ShouldBe(100.5m);
        agreed.Flags.ShouldHaveSingleItem().ShouldContain("outlier from c: 180");
        scattered.Outcome.ShouldBe(ConsensusOutcome.Escalate);
        tooFew.Outcome.ShouldBe(ConsensusOutcome.Escalate);
        tooFew.Reason!.ShouldContain("Only 1 of 3");
    }

    [Fact]
    public void FieldUnion_MergesFields_FlagsDiscrepancies_DropsUnverifiedValues()
    {
        var source = "Seller: Coho Winery   Invoice INV-2026-12345   Total EUR 575.00";
        var task = new WorkTask("t", "extract", JsonSerializer.SerializeToElement(source));
        var union = new FieldUnion(["vendor", "number"], (field, value, t) => field != "vendor" || t.InputText().Contains(value.GetString()!, StringComparison.Ordinal));

        var result = union.Aggregate(task, [
            Fields("a", new { vendor = "Coho Winery", number = "INV-2026-12345" }),
            Fields("b", new { vendor = "Coho Winery", number = "INV-2026-12354", due = "2026-12-01" }),
            Fields("c", new { vendor = "Coho Vineyards", number = "INV-2026-12345" }),
        ]);

        result.Outcome.ShouldBe(ConsensusOutcome.Agreed);
        result.Value!.Value.GetProperty("vendor").GetString().ShouldBe("Coho Winery");
        result.Value!.Value.GetProperty("number").GetString().ShouldBe("INV-2026-12345");
        result.Value!.Value.GetProperty("due").GetString().ShouldBe("2026-12-01", "a field only one instance found is merged in");
        result.Flags.ShouldContain(f => f.Contains("Coho Vineyards", StringComparison.Ordinal) && f.Contains("failed verification", StringComparison.Ordinal));
        result.Flags.ShouldContain(f => f.StartsWith("number: discrepancy", StringComparison.Ordinal) && f.Contains("INV-2026-12354", StringComparison.Ordinal));
        result.Agreement.ShouldBeLessThan(1);
    }

    [Fact]
    public void FieldUnion_TieOrMissingRequiredField_Escalates()
    {
        var union = new FieldUnion(["vendor", "total"]);

        var tie = union.Aggregate(Task, [Fields("a", new { vendor = "A", total = 1 }), Fields("b", new { vendor = "B", total = 1 })]);
        var missing = union.Aggregate(Task, [Fields("a", new { vendor = "A" }), Fields("b", new { vendor = "A" })]);

        tie.Outcome.ShouldBe(ConsensusOutcome.Escalate);
        tie.Reason!.ShouldContain("tie on field 'vendor'");
        missing.Outcome.ShouldBe(ConsensusOutcome.Escalate);
        missing.Reason!.ShouldContain("required field 'total'");
    }

    [Fact]
    public async Task ConsensusWorker_RunsEveryInstanceAsADurableTask_AndReportsAgreementOnTheSpan()
    {
        using var spans = new SpanCollector();
        var (runtime, provider) = PatternHarness.Runtime((model, _) => model == "gpt-4o" ? """{"total":557.0,"confidence":0.9}""" : """{"total":575.0,"confidence":0.9}""");
        using var __ = runtime;
        const string schema = """{"type":"object","properties":{"total":{"type":"number"},"confidence":{"type":"number"}},"required":["total"]}""";
        var taskId = "amount-" + Guid.NewGuid().ToString("N")[..8];
        var consensus = new ConsensusWorker("amounts", new[] { "gpt-4o-mini", "gpt-4.1-mini", "gpt-4o" }.Select(m => new AgentWorker(runtime, PatternHarness.Agent("reader-" + m.Replace('.', '-'), schema, m))), new MajorityVote("/total"));

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => consensus.RunAsync(ctx, new WorkTask(taskId, "read", JsonSerializer.SerializeToElement("Total due: EUR 575.00"))));
        await using var _ = engine;

        result.Outcome.ShouldBe(ConsensusOutcome.Agreed);
        result.Value!.Value.GetDecimal().ShouldBe(575m);
        result.Votes.Count.ShouldBe(3);
        result.Votes.ShouldAllBe(v => v.Cost > 0m);
        result.Cost.ShouldBe(result.Votes.Sum(v => v.Cost));
        provider.Log.Count.ShouldBe(3);
        var span = spans.Pattern("consensus").Single(s => s.GetTagItem(PatternAttributes.TaskId) as string == taskId);
        span.GetTagItem(PatternAttributes.ConsensusAgreement).ShouldBe(2.0 / 3);
        span.GetTagItem(PatternAttributes.ConsensusOutcome).ShouldBe("agreed");
        span.GetTagItem(PatternAttributes.ConsensusInstances).ShouldBe(3);
    }

    [Fact]
    public void ConsensusWorker_NeedsAtLeastTwoInstances() =>
        Should.Throw<ArgumentException>(() => new ConsensusWorker("one", [FunctionWorker.FromFunc("only", _ => default)], new MajorityVote()));

    private static WorkResult Reading(string worker, decimal total, double confidence = 0.9) =>
        WorkResult.Success(Task, worker, PatternHarness.Json(new { total }), confidence) with { Cost = 0.01m };

    private static WorkResult Label(string worker, string label) => WorkResult.Success(Task, worker, PatternHarness.Json(new { label }));

    private static WorkResult Fields(string worker, object fields) => WorkResult.Success(Task, worker, PatternHarness.Json(fields));
}
