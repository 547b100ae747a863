using System.Globalization;
using System.Text;
using Foreman.Quality;

namespace Foreman.Cli.Rendering;

/// <summary>Quality statuses, calibration and agent states as text.</summary>
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
            text.AppendLine(CultureInfo.InvariantCulture, $"{"AGENT",-24} {"TASK TYPE",-22} {"SAMPLES",7} {"ACCURACY",9} {"PRECISION",9} {"RECALL",7}  LEVEL");
            foreach (var s in statuses)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{s.Agent,-24} {s.TaskType,-22} {s.Samples,7} {Pct(s.Accuracy),9} {Pct(s.Precision),9} {Pct(s.Recall),7}  {s.Level} (warn<{s.Thresholds.Warning:P0} err<{s.Thresholds.Error:P0} crit<{s.Thresholds.Critical:P0})");
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

    private static string Pct(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "-";
}
