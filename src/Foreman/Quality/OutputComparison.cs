using System.Text.Json;

namespace Foreman.Quality;

/// <summary>
/// Compares an output with the expected one, field by field for JSON objects: a field equal in both is a true
/// positive; a field stated wrongly counts as both a false positive and a false negative; an invented field is
/// a false positive; a missing one a false negative. Anything else compares as one value.
/// </summary>
internal static class OutputComparison
{
    public static (int TruePositives, int FalsePositives, int FalseNegatives) Compare(string output, string expected, ISet<string> ignored)
    {
        using var actualDoc = TryParse(output);
        using var expectedDoc = TryParse(expected);
        if (actualDoc?.RootElement is not { ValueKind: JsonValueKind.Object } actual || expectedDoc?.RootElement is not { ValueKind: JsonValueKind.Object } wanted)
        {
            var same = actualDoc is not null && expectedDoc is not null
                ? JsonElement.DeepEquals(actualDoc.RootElement, expectedDoc.RootElement)
                : string.Equals(output.Trim(), expected.Trim(), StringComparison.Ordinal);
            return same ? (1, 0, 0) : (0, 1, 1);
        }

        int tp = 0, fp = 0, fn = 0;
        foreach (var property in wanted.EnumerateObject().Where(p => !ignored.Contains(p.Name)))
        {
            if (actual.TryGetProperty(property.Name, out var value) && JsonElement.DeepEquals(value, property.Value))
            {
                tp++;
            }
            else
            {
                fn++;
                fp += actual.TryGetProperty(property.Name, out _) ? 1 : 0;
            }
        }

        fp += actual.EnumerateObject().Count(p => !ignored.Contains(p.Name) && !wanted.TryGetProperty(p.Name, out _));
        return (tp, fp, fn);
    }

    /// <summary>Counts the fields of an output (for a verdict of "wrong" without an expected value).</summary>
    public static int Fields(string output, ISet<string> ignored)
    {
        using var doc = TryParse(output);
        return doc?.RootElement is { ValueKind: JsonValueKind.Object } root ? Math.Max(1, root.EnumerateObject().Count(p => !ignored.Contains(p.Name))) : 1;
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
