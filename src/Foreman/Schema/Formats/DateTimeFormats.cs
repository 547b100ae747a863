namespace Foreman.Schema.Formats;

/// <summary>RFC 3339 date, time, date-time (leap seconds included) and its appendix A duration grammar.</summary>
internal static class DateTimeFormats
{
    public static bool IsDateTime(string value)
    {
        var t = value.IndexOfAny(['T', 't']);
        return t == 10 && IsDate(value[..t]) && IsTime(value[(t + 1)..]);
    }

    public static bool IsDate(string value)
    {
        if (value.Length != 10 || value[4] != '-' || value[7] != '-'
            || !TryDigits(value, 0, 4, out var year) || !TryDigits(value, 5, 2, out var month) || !TryDigits(value, 8, 2, out var day))
        {
            return false;
        }

        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month);
    }

    /// <summary>full-time: HH:MM:SS[.frac](Z|±HH:MM); second 60 only where the UTC time is 23:59:60.</summary>
    public static bool IsTime(string value)
    {
        if (value.Length < 9 || value[2] != ':' || value[5] != ':'
            || !TryDigits(value, 0, 2, out var hour) || !TryDigits(value, 3, 2, out var minute) || !TryDigits(value, 6, 2, out var second))
        {
            return false;
        }

        var i = 8;
        if (i < value.Length && value[i] == '.')
        {
            var start = ++i;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= value.Length)
        {
            return false;
        }

        var offsetMinutes = 0;
        if (value[i] is 'Z' or 'z')
        {
            i++;
        }
        else if (value[i] is '+' or '-')
        {
            if (value.Length - i != 6 || value[i + 3] != ':' || !TryDigits(value, i + 1, 2, out var offsetHour) || !TryDigits(value, i + 4, 2, out var offsetMinute)
                || offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offsetMinutes = (value[i] == '+' ? 1 : -1) * ((offsetHour * 60) + offsetMinute);
            i += 6;
        }
        else
        {
            return false;
        }

        if (i != value.Length || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        if (second == 60)
        {
            var utc = (((hour * 60) + minute - offsetMinutes) % 1440 + 1440) % 1440;
            return utc == (23 * 60) + 59;
        }

        return true;
    }

    /// <summary>P(dur-date | dur-time | dur-week), with units in order, each used once, and no fractions.</summary>
    public static bool IsDuration(string value)
    {
        if (value.Length < 2 || value[0] != 'P')
        {
            return false;
        }

        var i = 1;
        if (TryComponent(value, ref i, out var unit) && unit == 'W')
        {
            return i == value.Length;
        }

        i = 1;
        var any = ParseUnits(value, ref i, "YMD");
        if (i < value.Length && value[i] == 'T')
        {
            i++;
            if (!ParseUnits(value, ref i, "HMS"))
            {
                return false;
            }

            any = true;
        }

        return any && i == value.Length;
    }

    // Components must appear in order without gaps in the middle (Y then D without M is not allowed).
    private static bool ParseUnits(string value, ref int i, string units)
    {
        var next = 0;
        var count = 0;
        var last = -1;
        while (i < value.Length && value[i] != 'T')
        {
            var save = i;
            if (!TryComponent(value, ref i, out var unit))
            {
                i = save;
                return false;
            }

            var position = units.IndexOf(unit, next);
            if (position < 0 || (last >= 0 && position != last + 1))
            {
                i = save;
                return false;
            }

            last = position;
            next = position + 1;
            count++;
        }

        return count > 0;
    }

    private static bool TryComponent(string value, ref int i, out char unit)
    {
        unit = '\0';
        var start = i;
        while (i < value.Length && char.IsAsciiDigit(value[i]))
        {
            i++;
        }

        if (i == start || i >= value.Length)
        {
            return false;
        }

        unit = value[i++];
        return true;
    }

    private static bool TryDigits(string value, int start, int count, out int result)
    {
        result = 0;
        if (start + count > value.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }

            result = (result * 10) + (value[i] - '0');
        }

        return true;
    }
}
