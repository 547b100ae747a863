using Foreman.Quality;
using Foreman.Reviews;
using Foreman.Tracing;

namespace Foreman.Costs;

/// <summary>
/// Reports cost in four dimensions per run and per pipeline: inference and retries from the traces, human review
/// from the review items the runs opened, and undetected errors estimated from the quality monitor's sampled
/// error rate and the use case's cost per error. For the CLI (<c>foreman cost</c>) and the server's API. Thread-safe.
/// </summary>
/// <param name="traces">The trace store.</param>
/// <param name="reviews">The review store, or <see langword="null"/> (no human cost).</param>
/// <param name="quality">The quality monitor, or <see langword="null"/> (no error estimate).</param>
/// <param name="currency">The currency amounts are in (the model catalog's). The default value is <c>EUR</c>.</param>
/// <param name="timeProvider">The clock. The default value is <see cref="TimeProvider.System"/>.</param>
public sealed class CostReportService(ITraceStore traces, IReviewStore? reviews = null, QualityMonitor? quality = null, string currency = "EUR", TimeProvider? timeProvider = null)
{
    private readonly ITraceStore _traces = traces ?? throw new ArgumentNullException(nameof(traces));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Reports the runs started in the last <paramref name="period"/>.</summary>
    /// <param name="period">How far back, for example 7 days.</param>
    /// <param name="pipeline">Only this pipeline, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    public Task<CostReport> ReportAsync(TimeSpan period, string? pipeline, CancellationToken cancellationToken)
    {
        // Up to and including now: a run that started this instant belongs to the period.
        var now = _time.GetUtcNow().AddTicks(10);
        return ReportAsync(now - period, now, pipeline, cancellationToken);
    }

    /// <summary>Reports the runs started in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="from">The start.</param>
    /// <param name="to">The end.</param>
    /// <param name="pipeline">Only this pipeline, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    public async Task<CostReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, string? pipeline, CancellationToken cancellationToken)
    {
        var conditions = pipeline is null ? [] : new[] { new TraceCondition(TraceField.Pipeline, TraceOperator.Equal, pipeline) };
        var runs = await _traces.QueryRunsAsync(new TraceQuery { Since = from, Until = to, Conditions = conditions, Limit = int.MaxValue }, cancellationToken);
        var items = reviews is null ? [] : await reviews.ListAsync(new ReviewQuery(), cancellationToken);
        var itemsByRun = items.ToLookup(i => i.RunId, StringComparer.Ordinal);
        var samples = quality is null ? [] : await quality.Store.ListSamplesAsync(new QualitySampleQuery(Pipeline: pipeline, Status: QualitySampleStatus.Verified, Since: from, Until: to), cancellationToken);
        var samplesByPipeline = samples.ToLookup(s => s.Pipeline, StringComparer.Ordinal);
        var pipelines = runs
            .GroupBy(r => r.Pipeline ?? "(unknown)", StringComparer.Ordinal)
            .Select(g => Pipeline(g.Key, g.ToList(), itemsByRun, samplesByPipeline[g.Key].ToList()))
            .OrderByDescending(p => p.Cost.Total)
            .ThenBy(p => p.Pipeline, StringComparer.Ordinal)
            .ToList();
        var total = pipelines.Aggregate(CostBreakdown.Zero, (sum, p) => sum + p.Cost);
        return new CostReport(from, to, currency, pipelines, total, runs.Count);
    }

    /// <summary>Reports one run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run's cost, or <see langword="null"/> when nothing was traced for it.</returns>
    public async Task<RunCost?> ForRunAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await _traces.GetRunAsync(runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var items = reviews is null ? [] : await reviews.ListAsync(new ReviewQuery(RunId: runId), cancellationToken);
        var undetected = 0m;
        if (quality is not null && run.Pipeline is { } pipeline)
        {
            var verifiedHere = await quality.Store.ListSamplesAsync(new QualitySampleQuery(Pipeline: pipeline, Status: QualitySampleStatus.Verified), cancellationToken);
            if (!verifiedHere.Any(s => s.RunId == runId))
            {
                // The expected cost of an error nobody checked: this pipeline's sampled error rate × the cost of one.
                undetected = verifiedHere.GroupBy(s => s.TaskType, StringComparer.Ordinal)
                    .Sum(g => (decimal)ErrorRate(g.ToList()) * quality.CostPerErrorFor(g.Key));
            }
        }

        return new RunCost(runId, run.Pipeline, items.Count, new CostBreakdown(run.Cost - run.RetryCost, run.RetryCost, items.Sum(i => i.HumanCost), undetected));
    }

    private PipelineCost Pipeline(string name, List<TraceRunSummary> runs, ILookup<string, ReviewItem> itemsByRun, List<QualitySample> samples)
    {
        var items = runs.SelectMany(r => itemsByRun[r.RunId]).ToList();
        double estimated = 0, low = 0, high = 0;
        decimal undetected = 0, costLow = 0, costHigh = 0;
        foreach (var task in samples.GroupBy(s => s.TaskType, StringComparer.Ordinal))
        {
            // Per task type: the error rate's interval × the outputs nobody verified. Summing the bounds over task
            // types gives a range at least as wide as a joint interval would be.
            var verified = task.Select(s => s.RunId).Distinct(StringComparer.Ordinal).Count();
            var unverified = Math.Max(0, runs.Count - verified);
            var rate = ErrorInterval(task.ToList())!;
            var perError = quality!.CostPerErrorFor(task.Key);
            estimated += rate.Estimate * unverified;
            low += rate.Lower * unverified;
            high += rate.Upper * unverified;
            undetected += (decimal)(rate.Estimate * unverified) * perError;
            costLow += (decimal)(rate.Lower * unverified) * perError;
            costHigh += (decimal)(rate.Upper * unverified) * perError;
        }

        return new PipelineCost
        {
            Pipeline = name,
            Runs = runs.Count,
            Escalations = items.Count,
            VerifiedSamples = samples.Count,
            SampledErrorRate = samples.Count == 0 ? null : ErrorRate(samples),
            SampledErrorRateInterval = ErrorInterval(samples),
            EstimatedUndetectedErrors = estimated,
            EstimatedUndetectedErrorsLow = low,
            EstimatedUndetectedErrorsHigh = high,
            UndetectedErrorsCostLow = Math.Round(costLow, 6),
            UndetectedErrorsCostHigh = Math.Round(costHigh, 6),
            Cost = new CostBreakdown(runs.Sum(r => r.Cost - r.RetryCost), runs.Sum(r => r.RetryCost), items.Sum(i => i.HumanCost), Math.Round(undetected, 6)),
        };
    }

    private ProportionInterval? ErrorInterval(List<QualitySample> samples) =>
        quality is null ? null : ProportionInterval.WilsonOrNull(samples.Count(s => s.Correct == false), samples.Count, quality.ConfidenceLevel);

    private static double ErrorRate(List<QualitySample> samples) => samples.Count == 0 ? 0 : (double)samples.Count(s => s.Correct == false) / samples.Count;
}
