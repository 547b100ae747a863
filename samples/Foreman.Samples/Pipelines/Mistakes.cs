using System.Globalization;

namespace Foreman.Samples.Pipelines;

/// <summary>The realistic ways the simulated model misreads numbers and text.</summary>
internal static class Mistakes
{
    /// <summary>Swaps two adjacent digits, drops one, or shifts the decimal point, the way a hurried reader does.</summary>
    public static decimal Misread(decimal value, Random random)
    {
        var text = value.ToString("0.00", CultureInfo.InvariantCulture);
        var digits = text.Select((c, i) => (c, i)).Where(x => char.IsDigit(x.c)).Select(x => x.i).ToList();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            string candidate;
            switch (random.Next(3))
            {
                case 0 when digits.Count >= 2:
                    var k = random.Next(digits.Count - 1);
                    var chars = text.ToCharArray();
                    (chars[digits[k]], chars[digits[k + 1]]) = (chars[digits[k + 1]], chars[digits[k]]);
                    candidate = new string(chars).Replace("..", ".", StringComparison.Ordinal);
                    break;
                case 1 when text.IndexOf('.', StringComparison.Ordinal) > 1:
                    var point = text.IndexOf('.', StringComparison.Ordinal);
                    var drop = random.Next(point);
                    candidate = text.Remove(drop, 1);
                    break;
                default:
                    candidate = (value * (random.Next(2) == 0 ? 10m : 0.1m)).ToString("0.00", CultureInfo.InvariantCulture);
                    break;
            }

            if (decimal.TryParse(candidate, NumberStyles.Number, CultureInfo.InvariantCulture, out var misread) && misread != value && misread > 0)
            {
                return Math.Round(misread, 2);
            }
        }

        return value + 1m;
    }

    /// <summary>Clips a name or description: drops the last word (a legal suffix, a qualifier).</summary>
    public static string Clip(string text)
    {
        var cut = text.TrimEnd().LastIndexOf(' ');
        return cut > 0 ? text[..cut] : text + "s";
    }
}
