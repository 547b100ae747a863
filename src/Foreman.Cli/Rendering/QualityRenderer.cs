using System.Globalization;
using System.Text;
using Foreman.Quality;

namespace Foreman.Cli.Rendering;

/// <summary>Quality statuses (with their confidence intervals), calibration and agent states as text.</summary>
internal static class QualityRenderer
{
    public static string Text(IReadOnlyList<QualityStatus> statuses, IReadOnlyList<CalibrationReport> calibration, IReadOnlyList<AgentQualityState> states)
    {
        var text = new StringBuilder();
        if (statuses.Count == 0)
        {
            text.AppendLine("No verified samples in the last 24 h.");
        }
        else
        {
            var level = statuses[0].ConfidenceLevel;
            text.AppendLine(CultureInfo.InvariantCulture, $"Estimates with their {level:P0} confidence interval (Wilson); a level is entered only when the whole interval is below its threshold.");
            text.AppendLine(CultureInfo.InvariantCulture, $"{"AGENT",-24} {"TASK TYPE",-22} {"SAMPLES",7}  {"ACCURACY",-21} {"PRECISION",-21} {"RECALL",-21} LEVEL");
            foreach (var s in statuses)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{s.Agent,-24} {s.TaskType,-22} {s.Samples,7}  {Estimate(s.AccuracyInterval),-21} {Estimate(s.PrecisionInterval),-21} {Estimate(s.RecallInterval),-21} {Level(s)} (warn<{s.Thresholds.Warning:P0} err<{s.Thresholds.Error:P0} crit<{s.Thresholds.Critical:P0})");
                text.AppendLine(CultureInfo.InvariantCulture, $"  {s.Reason}");
            }
        }

        foreach (var report in calibration)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Calibration of {report.Agent}: ECE {report.ExpectedCalibrationError:0.000}{(report.OverConfident ? "  OVER-CONFIDENT" : string.Empty)}");
            foreach (var b in report.Buckets)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  confidence {b.Lower:0.00}–{b.Upper:0.00}: {b.Samples} sample(s), mean confidence {b.MeanConfidence:0.00}, accuracy {b.Accuracy:0.00}{(b.OverConfident ? "  over-confident" : string.Empty)}");
            }
        }

        foreach (var state in states.Where(s => s.Disabled))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"DISABLED {state.Agent} since {state.ChangedAt.UtcDateTime:yyyy-MM-dd HH:mm} by {state.ChangedBy}: {state.Reason}");
        }

        return text.ToString();
    }

    /// <summary>"91.7% [84.4–95.7]": the estimate and its interval, or "-" without data.</summary>
    public static string Estimate(ProportionInterval? interval) => interval is { } i
        ? string.Create(CultureInfo.InvariantCulture, $"{i.Estimate * 100:0.0}% [{i.Lower * 100:0.0}–{i.Upper * 100:0.0}]")
        : "-";

    private static string Level(QualityStatus s) => s.Level switch
    {
        QualityLevel.InsufficientData => string.Create(CultureInfo.InvariantCulture, $"insufficient data ({s.Samples}/{s.MinimumSamples})"),
        QualityLevel.Healthy when !s.Conclusive => "healthy (unconfirmed)",
        _ => s.Level.ToString().ToLowerInvariant(),
    };
}
