using System.Globalization;
using System.Text;
using Foreman.Alerts;

namespace Foreman.Cli.Rendering;

/// <summary>Alerts as text.</summary>
internal static class AlertRenderer
{
    public static string Text(IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 0)
        {
            return "No alerts." + Environment.NewLine;
        }

        var text = new StringBuilder();
        foreach (var a in alerts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{a.Severity.ToString().ToUpperInvariant(),-8} {a.Rule,-18} {a.Subject,-34} {a.State.ToString().ToLowerInvariant(),-8} since {a.FiredAt.UtcDateTime:yyyy-MM-dd HH:mm} ×{a.Occurrences}{(a.NotifiedAt is null ? "  (not sent)" : string.Empty)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"         {a.Message}");
        }

        return text.ToString();
    }

    public static string EvaluationText(AlertEvaluation evaluation)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{evaluation.Fired.Count} new or worse, {evaluation.StillFiring.Count} still firing, {evaluation.Resolved.Count} resolved.");
        foreach (var a in evaluation.Fired)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  NEW {a.Severity.ToString().ToUpperInvariant()} {a.Rule} {a.Subject}: {a.Message}");
        }

        foreach (var rule in evaluation.FailedRules)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  rule {rule} failed to evaluate (see the log).");
        }

        return text.ToString();
    }
}
