using System.Globalization;

namespace Foreman.Schema.Formats;

/// <summary>
/// The IDNA2008 rules (RFC 5892) that decide most real A-label mistakes: code points that are always disallowed and
/// the contextual rules for joiners, middle dots and the like. Script membership is by block range, since the runtime
/// runs with invariant globalization and has no script data.
/// </summary>
internal static class IdnaRules
{
    // RFC 5892 section 2.6: exceptions that are DISALLOWED.
    private static readonly int[] Disallowed = [0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B];

    // Code points with canonical combining class 9 (Virama) in the common Indic scripts.
    private static readonly int[] Viramas =
    [
        0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0B4D, 0x0BCD, 0x0C4D, 0x0CCD, 0x0D3B, 0x0D3C, 0x0D4D, 0x0DCA, 0x0E3A, 0x0EBA,
        0x0F84, 0x1039, 0x103A, 0x1714, 0x1734, 0x17D2, 0x1A60, 0x1B44, 0x1BAA, 0x1BAB, 0x1BF2, 0x1BF3, 0x2D7F, 0xA806,
        0xA8C4, 0xA953, 0xA9C0, 0xAAF6, 0xABED,
    ];

    public static bool IsValidLabel(string label)
    {
        var points = new List<int>();
        foreach (var rune in label.EnumerateRunes())
        {
            points.Add(rune.Value);
        }

        if (points.Count == 0 || IsMark(points[0]))
        {
            return false;
        }

        var hasArabicIndic = points.Exists(p => p is >= 0x0660 and <= 0x0669);
        var hasExtendedArabicIndic = points.Exists(p => p is >= 0x06F0 and <= 0x06F9);
        if (hasArabicIndic && hasExtendedArabicIndic)
        {
            return false;
        }

        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var previous = i > 0 ? points[i - 1] : -1;
            var next = i + 1 < points.Count ? points[i + 1] : -1;
            var valid = p switch
            {
                _ when Array.IndexOf(Disallowed, p) >= 0 => false,
                0x200D => Array.IndexOf(Viramas, previous) >= 0,
                0x00B7 => previous == 'l' && next == 'l',
                0x0375 => IsGreek(next),
                0x05F3 or 0x05F4 => IsHebrew(previous),
                0x30FB => points.Exists(q => q != 0x30FB && (IsHiragana(q) || IsKatakana(q) || IsHan(q))),
                _ => true,
            };

            if (!valid)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMark(int codePoint) =>
        CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsGreek(int p) => p is (>= 0x0370 and <= 0x03FF) or (>= 0x1F00 and <= 0x1FFF);

    private static bool IsHebrew(int p) => p is (>= 0x0590 and <= 0x05FF) or (>= 0xFB1D and <= 0xFB4F);

    private static bool IsHiragana(int p) => p is (>= 0x3040 and <= 0x309F) or 0x1B001 or 0x1F200;

    private static bool IsKatakana(int p) => p is (>= 0x30A0 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) or (>= 0x32D0 and <= 0x32FE) or (>= 0xFF66 and <= 0xFF9F) or 0x1B000;

    private static bool IsHan(int p) => p is (>= 0x2E80 and <= 0x2FDF) or 0x3005 or 0x3007 or (>= 0x3021 and <= 0x3029) or (>= 0x3038 and <= 0x303B)
        or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3134F);
}
