using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Foreman.Agents;

/// <summary>Checking the final answer: JSON, schema, grounded fields and their verifiers, confidence.</summary>
internal sealed partial class AgentRun
{
    private static readonly JsonDocumentOptions OutputParsing = new() { MaxDepth = 64 };

    private async Task<Answer> CheckOutputAsync(string text, CancellationToken cancellationToken)
    {
        if (_agent.OutputSchema is not { } schema)
        {
            return string.IsNullOrWhiteSpace(text) ? new Answer(text, null, ["The answer is empty."]) : new Answer(text, null, []);
        }

        JsonElement output;
        try
        {
            output = JsonElement.Parse(StripCodeFence(text), OutputParsing);
        }
        catch (JsonException ex)
        {
            return new Answer(text, null, [$"The answer is not a JSON object ({ex.Message})."]);
        }

        var validation = schema.Validate(output);
        if (!validation.IsValid)
        {
            return new Answer(text, output, validation.Errors.Select(e => $"{e.InstancePath}: {e.Message}").ToList());
        }

        var problems = new List<string>();
        foreach (var field in _agent.GroundedFields)
        {
            if (!TryResolvePointer(output, field.Pointer, out var value) || value.ValueKind is JsonValueKind.Null)
            {
                continue;
            }

            if (!IsGrounded(value))
            {
                problems.Add($"{field.Pointer}: the value {Shorten(value.GetRawText())} does not appear in any tool result of this run; use only values tools returned.");
                continue;
            }

            if (field.Verifier is not null)
            {
                string? refusal;
                try
                {
                    refusal = await field.Verifier.VerifyAsync(field.Pointer, value, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A verifier that cannot answer has not verified: the value is refused, the run goes on.
                    refusal = $"could not be verified ({ex.GetType().Name}).";
                }

                if (refusal is not null)
                {
                    problems.Add($"{field.Pointer}: {refusal}");
                }
            }
        }

        return new Answer(text, output, problems);
    }

    private bool IsGrounded(JsonElement value)
    {
        foreach (var call in _guard.Trail)
        {
            if (call.IsSuccess && Contains(call.Result, value))
            {
                return true;
            }
        }

        return false;
    }

    // A grounded value matches a scalar in a tool result: equal strings (or a string inside a longer one),
    // or numerically equal numbers, also when one side is a numeric string.
    private static bool Contains(JsonElement haystack, JsonElement needle)
    {
        switch (haystack.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in haystack.EnumerateObject())
                {
                    if (Contains(property.Value, needle))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in haystack.EnumerateArray())
                {
                    if (Contains(item, needle))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return ScalarMatches(haystack, needle);
        }
    }

    private static bool ScalarMatches(JsonElement candidate, JsonElement needle)
    {
        if (TryNumber(needle, out var wanted))
        {
            return TryNumber(candidate, out var found) && found == wanted;
        }

        if (needle.ValueKind == JsonValueKind.String && candidate.ValueKind == JsonValueKind.String)
        {
            var target = needle.GetString()!.Trim();
            var text = candidate.GetString()!;
            return target.Length > 0 && (string.Equals(text.Trim(), target, StringComparison.OrdinalIgnoreCase)
                || (target.Length >= 4 && text.Contains(target, StringComparison.OrdinalIgnoreCase)));
        }

        return needle.ValueKind is JsonValueKind.True or JsonValueKind.False && needle.ValueKind == candidate.ValueKind;
    }

    private static bool TryNumber(JsonElement element, out decimal number) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetDecimal(out number),
        JsonValueKind.String => decimal.TryParse(element.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out number),
        _ => (number = 0) == 1,
    };

    private (double Confidence, bool Reported) ConfidenceOf(JsonElement? output)
    {
        if (output is { } o && _agent.ConfidencePointer is { } pointer && TryResolvePointer(o, pointer, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var reported) && reported is >= 0 and <= 1)
        {
            return (reported, true);
        }

        // Without a reported confidence, every correction and failed tool call lowers trust in the answer.
        var failedCalls = _guard.Trail.Count(t => !t.IsSuccess);
        return (Math.Max(0.1, 0.9 - (0.1 * _corrections) - (0.05 * failedCalls)), false);
    }

    private static string CorrectionPrompt(IReadOnlyList<string> problems)
    {
        var text = new StringBuilder("Your answer was rejected and has not been used:\n");
        foreach (var problem in problems.Take(10))
        {
            text.Append("- ").Append(problem).Append('\n');
        }

        return text.Append("Reply again with one corrected JSON object and nothing else.").ToString();
    }

    private static bool TryResolvePointer(JsonElement root, string pointer, out JsonElement value)
    {
        value = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        foreach (var rawToken in pointer[1..].Split('/'))
        {
            var token = rawToken.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(token, out var child))
            {
                value = child;
            }
            else if (value.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    // Models often wrap JSON in a Markdown fence despite being told not to; accept it rather than spend a retry.
    private static string StripCodeFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstNewLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var lastFence = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewLine > 0 && lastFence > firstNewLine ? trimmed[(firstNewLine + 1)..lastFence].Trim() : trimmed;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");

    private sealed record Answer(string Text, JsonElement? Output, IReadOnlyList<string> Problems);
}
