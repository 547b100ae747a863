namespace Foreman.Quality;

/// <summary>Builds calibration reports: confidence buckets, their accuracy, and the over-confidence flag.</summary>
internal static class Calibration
{
    private const double HighConfidence = 0.7;

    public static CalibrationReport Build(string agent, IReadOnlyList<QualitySample> samples, IList<double> boundaries, double margin, int minimumSamples)
    {
        var edges = new List<double> { 0 };
        edges.AddRange(boundaries.Where(b => b is > 0 and < 1));
        edges.Add(1);
        var buckets = new List<CalibrationBucket>();
        for (var i = 0; i < edges.Count - 1; i++)
        {
            var (lower, upper) = (edges[i], edges[i + 1]);
            var last = i == edges.Count - 2;
            var inBucket = samples.Where(s => s.Confidence >= lower && (s.Confidence < upper || (last && s.Confidence <= upper))).ToList();
            if (inBucket.Count == 0)
            {
                continue;
            }

            var confidence = inBucket.Average(s => s.Confidence);
            var accuracy = (double)inBucket.Count(s => s.Correct == true) / inBucket.Count;
            buckets.Add(new CalibrationBucket(lower, upper, inBucket.Count, confidence, accuracy, inBucket.Count >= minimumSamples && accuracy < confidence - margin));
        }

        var total = buckets.Sum(b => b.Samples);
        var ece = total == 0 ? 0 : buckets.Sum(b => b.Samples * Math.Abs(b.MeanConfidence - b.Accuracy)) / total;
        return new CalibrationReport(agent, buckets, ece, buckets.Any(b => b.OverConfident && b.Lower >= HighConfidence));
    }
}
