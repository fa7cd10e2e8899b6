using System.Globalization;
using System.Text;

namespace GymAutomation.Core.Data;

/// <summary>
/// Times and dates as EF Core stores them on SQLite, read from their text for reads of many rows that skip EF's
/// materializer: the general parser takes about a microsecond a value. The text is the UTF-8 SQLite holds
/// (<see cref="SqliteRows"/>).
/// </summary>
internal static class StoredTimes
{
    /// <summary>
    /// A time stored as the text <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, in UTC as the model reads it back, read digit by
    /// digit (anything else goes to <see cref="DateTime.Parse(string, IFormatProvider)"/>, as the data reader's own
    /// <c>GetDateTime</c> does for every row).
    /// </summary>
    public static DateTime Time(ReadOnlySpan<byte> value)
    {
        if (value.Length is < 19 or 20 or > 27 || !Is(value[4], '-') || !Is(value[7], '-') || !Is(value[10], ' ') || !Is(value[13], ':') || !Is(value[16], ':')
            || (value.Length > 19 && !Is(value[19], '.'))
            || !TryDigits(value, 0, 4, out var year) || !TryDigits(value, 5, 2, out var month) || !TryDigits(value, 8, 2, out var day)
            || !TryDigits(value, 11, 2, out var hour) || !TryDigits(value, 14, 2, out var minute) || !TryDigits(value, 17, 2, out var second)
            || !TryDigits(value, 20, Math.Max(0, value.Length - 20), out var fraction))
        {
            return DateTime.SpecifyKind(DateTime.Parse(Text(value), CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }

        for (var digits = Math.Max(0, value.Length - 20); digits < 7; digits++)
        {
            fraction *= 10;
        }

        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction);
    }

    /// <summary>A date stored as the text <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly Day(ReadOnlySpan<byte> value) =>
        value.Length == 10 && TryDigits(value, 0, 4, out var year) && TryDigits(value, 5, 2, out var month) && TryDigits(value, 8, 2, out var day)
            ? new DateOnly(year, month, day)
            : DateOnly.Parse(Text(value), CultureInfo.InvariantCulture);

    private static bool Is(byte value, char expected) => value == expected;

    private static bool TryDigits(ReadOnlySpan<byte> value, int start, int length, out int number)
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

    private static string Text(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);
}
