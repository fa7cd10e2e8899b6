using System.Globalization;

namespace GymAutomation.Core.Import;

/// <summary>
/// Reads the format's timestamps (<c>2026-03-01T18:05:00Z</c>, <c>2026-03-01T18:05:00.25+02:00</c>,
/// <c>2026-03-01T18:05Z</c>) as <c>DateTimeOffset.TryParseExact</c> does with <see cref="Formats"/>, in UTC. The usual
/// shapes are read digit by digit: an import reads millions of them, and the general parser took about a microsecond
/// each. Anything else — another spelling, a value out of range — goes to the general parser, which decides.
/// </summary>
internal static class ImportTimestamps
{
    /// <summary>What a timestamp may look like; "K" also reads a time without any offset, which the caller refuses first.</summary>
    public static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    public static bool TryParse(string value, out DateTime utc)
    {
        if (TryParseUsual(value, out utc))
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            utc = at.UtcDateTime;
            return true;
        }

        return false;
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm</c>, then optionally <c>:ss</c> and optionally <c>.</c> and 1 to 7 digits, then <c>Z</c> or
    /// <c>±HH:mm</c>, every part in range; false for anything else, even what the general parser would read.
    /// </summary>
    internal static bool TryParseUsual(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 17 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute))
        {
            return false;
        }

        var at = 16;
        int second = 0, ticks = 0;
        if (s[at] == ':')
        {
            if (!Digits(s, at + 1, 2, out second))
            {
                return false;
            }

            at += 3;
            if (at < s.Length && s[at] == '.')
            {
                var digits = 0;
                for (at++; at < s.Length && char.IsAsciiDigit(s[at]); at++)
                {
                    if (++digits > 7)
                    {
                        return false;
                    }

                    ticks = (ticks * 10) + (s[at] - '0');
                }

                if (digits == 0)
                {
                    return false;
                }

                for (; digits < 7; digits++)
                {
                    ticks *= 10;
                }
            }
        }

        if (!Offset(s, at, out var offsetMinutes))
        {
            return false;
        }

        if (year is < 1000 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks).AddMinutes(-offsetMinutes);
        return true;
    }

    /// <summary>The offset that ends <paramref name="s"/> from <paramref name="at"/>, in minutes: <c>Z</c>, or <c>±HH:mm</c> up to 14 hours.</summary>
    private static bool Offset(ReadOnlySpan<char> s, int at, out int minutes)
    {
        minutes = 0;
        if (at == s.Length - 1 && s[at] == 'Z')
        {
            return true;
        }

        if (at != s.Length - 6 || s[at] is not ('+' or '-') || s[at + 3] != ':'
            || !Digits(s, at + 1, 2, out var hours) || !Digits(s, at + 4, 2, out var rest) || rest > 59 || (hours * 60) + rest > 14 * 60)
        {
            return false;
        }

        minutes = ((hours * 60) + rest) * (s[at] == '-' ? -1 : 1);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        foreach (var c in s.Slice(start, count))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
