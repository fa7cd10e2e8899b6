using System.Data.Common;
using System.Globalization;

namespace GymAutomation.Core.Data;

/// <summary>
/// Times and dates read through a plain data reader as EF Core stores them, for reads of many rows that skip EF's
/// materializer: on SQLite the reader's own <c>GetDateTime</c> parses each text with the general parser, about a
/// microsecond a value.
/// </summary>
internal static class StoredTimes
{
    /// <summary>
    /// A time as EF Core stores it, in UTC as the model reads it back: on SQLite the text <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>,
    /// read here digit by digit (anything else goes to <see cref="DateTime.Parse(string, IFormatProvider)"/>, as the
    /// reader's own <c>GetDateTime</c> does for every row).
    /// </summary>
    public static DateTime Time(DbDataReader r, int column, bool text)
    {
        if (!text)
        {
            return DateTime.SpecifyKind(r.GetDateTime(column), DateTimeKind.Utc);
        }

        var value = r.GetString(column);
        if (value.Length is < 19 or 20 or > 27 || value[4] != '-' || value[7] != '-' || value[10] != ' ' || value[13] != ':' || value[16] != ':'
            || (value.Length > 19 && value[19] != '.')
            || !TryDigits(value, 0, 4, out var year) || !TryDigits(value, 5, 2, out var month) || !TryDigits(value, 8, 2, out var day)
            || !TryDigits(value, 11, 2, out var hour) || !TryDigits(value, 14, 2, out var minute) || !TryDigits(value, 17, 2, out var second)
            || !TryDigits(value, 20, Math.Max(0, value.Length - 20), out var fraction))
        {
            return DateTime.SpecifyKind(DateTime.Parse(value, CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }

        for (var digits = Math.Max(0, value.Length - 20); digits < 7; digits++)
        {
            fraction *= 10;
        }

        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction);
    }

    /// <summary>A date as EF Core stores it: on SQLite the text <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly Day(DbDataReader r, int column, bool text)
    {
        if (!text)
        {
            return r.GetFieldValue<DateOnly>(column);
        }

        var value = r.GetString(column);
        return value.Length == 10 && TryDigits(value, 0, 4, out var year) && TryDigits(value, 5, 2, out var month) && TryDigits(value, 8, 2, out var day)
            ? new DateOnly(year, month, day)
            : DateOnly.Parse(value, CultureInfo.InvariantCulture);
    }

    private static bool TryDigits(string value, int start, int length, out int number)
    {
        number = 0;
        for (var i = start; i < start + length; i++)
        {
            var digit = value[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }
}
