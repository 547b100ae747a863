using System.Globalization;
using System.Text;
using Foreman.Costs;

namespace Foreman.Cli.Rendering;

/// <summary>The cost report as a table: one row per pipeline and a total, four dimensions each.</summary>
internal static class CostRenderer
{
    public static string Text(CostReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Cost from {report.From.UtcDateTime:yyyy-MM-dd HH:mm} to {report.To.UtcDateTime:yyyy-MM-dd HH:mm} UTC, in {report.Currency}; {report.Runs} run(s).");
        if (report.Pipelines.Count == 0)
        {
            text.AppendLine("No traced runs in the period.");
            return text.ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{"PIPELINE",-26} {"RUNS",6} {"INFERENCE",12} {"RETRIES",12} {"HUMAN",12} {"UNDETECTED",12} {"TOTAL",12} {"PER RUN",10}  ERROR RATE");
        foreach (var p in report.Pipelines)
        {
            var rate = p.SampledErrorRateInterval is { } r
                ? string.Create(CultureInfo.InvariantCulture, $"{QualityRenderer.Estimate(r)} of {p.VerifiedSamples}; undetected {p.EstimatedUndetectedErrors:0.#} [{p.EstimatedUndetectedErrorsLow:0.#}–{p.EstimatedUndetectedErrorsHigh:0.#}] errors, {p.UndetectedErrorsCostLow:0.00}–{p.UndetectedErrorsCostHigh:0.00}")
                : p.SampledErrorRate is { } e ? string.Create(CultureInfo.InvariantCulture, $"{e:P1} of {p.VerifiedSamples}") : "not sampled";
            text.AppendLine(CultureInfo.InvariantCulture, $"{p.Pipeline,-26} {p.Runs,6} {p.Cost.Inference,12:0.0000} {p.Cost.Retries,12:0.0000} {p.Cost.HumanReview,12:0.0000} {p.Cost.UndetectedErrors,12:0.0000} {p.Cost.Total,12:0.0000} {p.CostPerRun,10:0.0000}  {rate}");
        }

        var t = report.Total;
        text.AppendLine(CultureInfo.InvariantCulture, $"{"TOTAL",-26} {report.Runs,6} {t.Inference,12:0.0000} {t.Retries,12:0.0000} {t.HumanReview,12:0.0000} {t.UndetectedErrors,12:0.0000} {t.Total,12:0.0000}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Retries took {t.RetryShare:P1} of model spend. Undetected = sampled error rate × unverified outputs × cost per error; the error rate's confidence interval gives its range.");
        return text.ToString();
    }
}
