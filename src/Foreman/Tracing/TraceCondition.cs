using System.Globalization;

namespace Foreman.Tracing;

/// <summary>One condition of a trace query: <c>field operator value</c>.</summary>
/// <param name="Field">The field.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value: a number for numeric fields, text for the others, <c>true</c>/<c>false</c>/<c>unknown</c> for <see cref="TraceField.Correct"/>.</param>
public sealed record TraceCondition(TraceField Field, TraceOperator Operator, string Value)
{
    /// <summary>Gets a value indicating whether the field compares as a number.</summary>
    public bool IsNumeric => Field is not (TraceField.Agent or TraceField.Pipeline or TraceField.Status or TraceField.Correct);

    /// <summary>Gets the value as a number, for numeric fields.</summary>
    public double Number => double.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Evaluates the condition against a summary in memory (stores may translate it to their query language instead).</summary>
    /// <param name="run">The run summary.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(TraceRunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        switch (Field)
        {
            case TraceField.Agent:
                var has = run.Agents.Contains(Value, StringComparer.Ordinal);
                return Operator == TraceOperator.NotEqual ? !has : has;
            case TraceField.Pipeline:
                return CompareText(run.Pipeline);
            case TraceField.Status:
                return CompareText(run.Status);
            case TraceField.Correct:
                var text = run.Correct switch { true => "true", false => "false", null => "unknown" };
                return CompareText(text);
            case TraceField.Confidence when run.MinConfidence is null:
                return false;
            default:
                return Compare(NumberOf(run));
        }
    }

    private double NumberOf(TraceRunSummary run) => Field switch
    {
        TraceField.Retries => run.Retries,
        TraceField.Cost => (double)run.Cost,
        TraceField.Duration => run.Duration.TotalSeconds,
        TraceField.ToolErrors => run.ToolErrors,
        TraceField.Confidence => run.MinConfidence ?? 0,
        TraceField.Loops => run.LoopDetections,
        TraceField.Tokens => run.InputTokens + run.OutputTokens,
        TraceField.ModelCalls => run.ModelCalls,
        TraceField.ValidationFailures => run.ValidationFailures,
        _ => throw new InvalidOperationException($"{Field} is not numeric."),
    };

    private bool CompareText(string? actual)
    {
        var equal = string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase);
        return Operator == TraceOperator.NotEqual ? !equal : equal;
    }

    private bool Compare(double actual)
    {
        var expected = Number;
        return Operator switch
        {
            TraceOperator.Equal => actual == expected,
            TraceOperator.NotEqual => actual != expected,
            TraceOperator.LessThan => actual < expected,
            TraceOperator.LessThanOrEqual => actual <= expected,
            TraceOperator.GreaterThan => actual > expected,
            _ => actual >= expected,
        };
    }
}
