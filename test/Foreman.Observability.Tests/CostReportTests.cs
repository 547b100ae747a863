using Foreman.Quality;
using Foreman.Reviews;
using Foreman.Samples.Quality;
using Foreman.Testing;

namespace Foreman.Observability.Tests;

public sealed class CostReportTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Report_FourDimensions_InferenceRetriesHumanReviewAndUndetectedErrors()
    {
        var (documents, labels) = InvoiceDataset.Generate(44, seed: 12);
        await using var h = await ObservabilityHarness.StartAsync(labels, q =>
        {
            q.SampleRate = 0.5;
            q.DisableAtCritical = false; // only the explicit disabling below routes work to people
        });
        h.Model.Faults = FaultInjection.None with { Seed = 21, ServerErrorRate = 0.2, WrongAnswerRate = 0.2 };

        var handled = await h.RunAsync(documents.Take(40), tick: TimeSpan.FromSeconds(5));
        await h.Monitor.SetDisabledAsync(InvoiceReader.Name, disabled: true, "ops", "cost test", None);
        var routed = await h.RunAsync(documents.Skip(40));
        await h.Recorder.FlushAsync(None);

        var report = await h.Costs.ReportAsync(TimeSpan.FromDays(7), null, None);

        var runs = (await h.TraceQueries.QueryAsync("limit 1000", None)).Runs;
        var samples = await h.QualityStore.ListSamplesAsync(new QualitySampleQuery(Status: QualitySampleStatus.Verified), None);
        var errorRate = (double)samples.Count(s => s.Correct == false) / samples.Count;
        samples.Count.ShouldBeGreaterThan(5);
        errorRate.ShouldBeGreaterThan(0, "the seed gives wrong answers among the samples");

        var pipeline = report.Pipelines.ShouldHaveSingleItem();
        pipeline.Pipeline.ShouldBe("invoice-extraction");
        pipeline.Runs.ShouldBe(44);
        report.Runs.ShouldBe(44);
        pipeline.Cost.Inference.ShouldBe(runs.Sum(r => r.Cost - r.RetryCost));
        pipeline.Cost.Retries.ShouldBe(runs.Sum(r => r.RetryCost));
        pipeline.Cost.Retries.ShouldBeGreaterThan(0m, "server errors were retried, and the retries were paid");
        pipeline.Escalations.ShouldBe(routed.Count);
        pipeline.Cost.HumanReview.ShouldBe(routed.Count * 1.5m, "each routed invoice is one manual review at 1.50");
        pipeline.SampledErrorRate.ShouldBe(errorRate);
        pipeline.EstimatedUndetectedErrors.ShouldBe(errorRate * (44 - samples.Count), 1e-9);
        pipeline.Cost.UndetectedErrors.ShouldBe(Math.Round((decimal)(errorRate * (44 - samples.Count)) * 25m, 6));

        // The estimate carries the error rate's 95% interval and the sample count it rests on.
        var interval = pipeline.SampledErrorRateInterval.ShouldNotBeNull();
        interval.ShouldBe(ProportionInterval.Wilson(samples.Count(s => s.Correct == false), samples.Count, 0.95));
        pipeline.VerifiedSamples.ShouldBe(samples.Count);
        pipeline.EstimatedUndetectedErrorsLow.ShouldBe(interval.Lower * (44 - samples.Count), 1e-9);
        pipeline.EstimatedUndetectedErrorsHigh.ShouldBe(interval.Upper * (44 - samples.Count), 1e-9);
        pipeline.EstimatedUndetectedErrorsLow.ShouldBeLessThan(pipeline.EstimatedUndetectedErrors);
        pipeline.EstimatedUndetectedErrorsHigh.ShouldBeGreaterThan(pipeline.EstimatedUndetectedErrors);
        pipeline.UndetectedErrorsCostLow.ShouldBeLessThan(pipeline.Cost.UndetectedErrors);
        pipeline.UndetectedErrorsCostHigh.ShouldBe(Math.Round((decimal)(interval.Upper * (44 - samples.Count)) * 25m, 6));
        report.Total.Total.ShouldBe(pipeline.Cost.Inference + pipeline.Cost.Retries + pipeline.Cost.HumanReview + pipeline.Cost.UndetectedErrors);
        pipeline.Cost.RetryShare.ShouldBeInRange(0.01, 0.9);

        var routedCost = (await h.Costs.ForRunAsync(routed[0].RunId, None)).ShouldNotBeNull();
        routedCost.Escalations.ShouldBe(1);
        routedCost.Cost.HumanReview.ShouldBe(1.5m);
        routedCost.Cost.Inference.ShouldBe(0m, "the disabled agent did not run");
        (await h.Costs.ReportAsync(TimeSpan.FromDays(7), "another-pipeline", None)).Pipelines.ShouldBeEmpty();
        handled.Count.ShouldBe(40);
    }
}
