using Foreman.Cli.Bench;
using Foreman.Samples.Pipelines;

namespace Foreman.Cli.Demo;

/// <summary>Turns per-item scores into a pipeline's figures.</summary>
internal static class DemoScoring
{
    public static DemoPipelineReport Summarize(SamplePipeline pipeline, IReadOnlyList<PipelineScore> scores, int failed, string currency, double wallSeconds)
    {
        var documents = scores.Count + failed;
        var handled = scores.Where(s => !s.Escalated).ToList();
        var escalated = scores.Where(s => s.Escalated).ToList();
        var latencies = scores.Select(s => s.ProcessingMs).Order().ToArray();
        return new DemoPipelineReport(
            pipeline.Name,
            pipeline.Title,
            documents,
            handled.Count,
            Percent(handled.Count, documents),
            escalated.Count,
            failed,
            handled.Count(s => s.Correct),
            Percent(handled.Count(s => s.Correct), handled.Count),
            Percent(escalated.Count(s => s.Correct), escalated.Count),
            scores.Count == 0 ? 0 : Math.Round(scores.Average(s => s.Cost), 6),
            currency,
            Math.Round(Percentiles.Of(latencies, 50), 1),
            Math.Round(Percentiles.Of(latencies, 95), 1),
            Math.Round(wallSeconds, 2),
            Consensus([.. scores.Select(s => s.Consensus).OfType<ConsensusSample>()]));
    }

    private static DemoConsensusReport? Consensus(IReadOnlyList<ConsensusSample> samples)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        var readings = samples.Sum(s => s.Readings);
        var single = samples.Average(s => s.MeanInstanceCost);
        var all = samples.Average(s => s.ConsensusCost);
        return new DemoConsensusReport(
            samples.Count,
            readings,
            Math.Round(Ratio(samples.Sum(s => s.WrongReadings), readings), 5),
            samples.Count(s => s.AgreedWrong),
            Math.Round(Ratio(samples.Count(s => s.AgreedWrong), samples.Count), 5),
            Math.Round(Ratio(samples.Count(s => !s.Agreed), samples.Count), 5),
            Math.Round(single, 7),
            Math.Round(all, 7),
            single == 0 ? 0 : Math.Round((double)(all / single), 2));
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
