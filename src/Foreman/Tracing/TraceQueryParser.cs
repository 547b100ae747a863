using System.Globalization;
using System.Text.RegularExpressions;

namespace Foreman.Tracing;

/// <summary>
/// Parses the trace query language: clauses joined by <c>and</c>. A clause is <c>field op value</c> (fields:
/// agent, pipeline, status, retries, cost, duration, tool_errors, confidence, correct, loops, tokens, model_calls,
/// validation_failures; operators: = != &lt; &lt;= &gt; &gt;=), <c>since DURATION</c> (30m, 1h, 7d, 2w: runs
/// started that long ago or later), or <c>limit N</c>. Example: <c>retries &gt; 3 and since 1h</c>.
/// </summary>
public static partial class TraceQueryParser
{
    private static readonly Dictionary<string, TraceField> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["agent"] = TraceField.Agent,
        ["pipeline"] = TraceField.Pipeline,
        ["workflow"] = TraceField.Pipeline,
        ["status"] = TraceField.Status,
        ["retries"] = TraceField.Retries,
        ["cost"] = TraceField.Cost,
        ["duration"] = TraceField.Duration,
        ["tool_errors"] = TraceField.ToolErrors,
        ["confidence"] = TraceField.Confidence,
        ["correct"] = TraceField.Correct,
        ["loops"] = TraceField.Loops,
        ["tokens"] = TraceField.Tokens,
        ["model_calls"] = TraceField.ModelCalls,
        ["validation_failures"] = TraceField.ValidationFailures,
    };

    private static readonly Dictionary<string, TraceOperator> Operators = new(StringComparer.Ordinal)
    {
        ["="] = TraceOperator.Equal,
        ["=="] = TraceOperator.Equal,
        ["!="] = TraceOperator.NotEqual,
        ["<"] = TraceOperator.LessThan,
        ["<="] = TraceOperator.LessThanOrEqual,
        [">"] = TraceOperator.GreaterThan,
        [">="] = TraceOperator.GreaterThanOrEqual,
    };

    /// <summary>Gets the field names the language knows.</summary>
    public static IEnumerable<string> FieldNames => Fields.Keys;

    /// <summary>Parses a query.</summary>
    /// <param name="text">The query text; empty matches every run.</param>
    /// <param name="now">The current time, for <c>since</c>.</param>
    /// <returns>The query, or an error.</returns>
    public static TraceQueryParseResult Parse(string? text, DateTimeOffset now)
    {
        var tokens = Tokenizer().Matches(text ?? string.Empty).Select(m => m.Groups["token"].Value).ToList();
        var conditions = new List<TraceCondition>();
        DateTimeOffset? since = null;
        var limit = 100;
        var i = 0;
        while (i < tokens.Count)
        {
            var word = tokens[i];
            if (word.Equals("since", StringComparison.OrdinalIgnoreCase))
            {
                if (i + 1 >= tokens.Count || ParseDuration(tokens[i + 1]) is not { } window)
                {
                    return Fail("'since' needs a duration such as 30m, 1h, 7d or 2w.");
                }

                since = now - window;
                i += 2;
            }
            else if (word.Equals("limit", StringComparison.OrdinalIgnoreCase))
            {
                if (i + 1 >= tokens.Count || !int.TryParse(tokens[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
                {
                    return Fail("'limit' needs a positive whole number.");
                }

                i += 2;
            }
            else
            {
                if (!Fields.TryGetValue(word, out var field))
                {
                    return Fail($"Unknown field '{word}'. Known: {string.Join(", ", Fields.Keys)}, and the clauses 'since' and 'limit'.");
                }

                if (i + 2 >= tokens.Count || !Operators.TryGetValue(tokens[i + 1], out var op))
                {
                    return Fail($"'{word}' must be followed by an operator (=, !=, <, <=, >, >=) and a value.");
                }

                var condition = new TraceCondition(field, op, tokens[i + 2].Trim('"', '\''));
                if (Validate(condition) is { } error)
                {
                    return Fail(error);
                }

                conditions.Add(condition);
                i += 3;
            }

            if (i < tokens.Count)
            {
                if (!tokens[i].Equals("and", StringComparison.OrdinalIgnoreCase))
                {
                    return Fail($"Expected 'and' before '{tokens[i]}'. Clauses are joined with 'and'.");
                }

                i++;
                if (i == tokens.Count)
                {
                    return Fail("The query ends with 'and'.");
                }
            }
        }

        return new TraceQueryParseResult(new TraceQuery { Conditions = conditions, Since = since, Limit = limit }, null);
    }

    /// <summary>Parses a duration such as <c>90s</c>, <c>30m</c>, <c>1h</c>, <c>7d</c> or <c>2w</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The duration, or <see langword="null"/> when it is not one.</returns>
    public static TimeSpan? ParseDuration(string? text)
    {
        var match = text is null ? null : DurationPattern().Match(text);
        if (match is not { Success: true } || !double.TryParse(match.Groups["amount"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "S" => TimeSpan.FromSeconds(amount),
            "M" => TimeSpan.FromMinutes(amount),
            "H" => TimeSpan.FromHours(amount),
            "D" => TimeSpan.FromDays(amount),
            _ => TimeSpan.FromDays(amount * 7),
        };
    }

    private static string? Validate(TraceCondition condition)
    {
        if (condition.Field == TraceField.Correct)
        {
            return condition.Value.ToUpperInvariant() is "TRUE" or "FALSE" or "UNKNOWN" && condition.Operator is TraceOperator.Equal or TraceOperator.NotEqual
                ? null
                : "'correct' takes = or != and one of true, false, unknown.";
        }

        if (!condition.IsNumeric)
        {
            return condition.Operator is TraceOperator.Equal or TraceOperator.NotEqual ? null : $"'{condition.Field}' is text: use = or !=.";
        }

        return double.TryParse(condition.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? null
            : $"'{condition.Value}' is not a number.";
    }

    private static TraceQueryParseResult Fail(string error) => new(null, error);

    [GeneratedRegex("""\s*(?<token>"[^"]*"|'[^']*'|>=|<=|!=|==|=|<|>|[^\s<>=!]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex Tokenizer();

    [GeneratedRegex("^(?<amount>[0-9]+(?:\\.[0-9]+)?)(?<unit>[smhdwSMHDW])$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
