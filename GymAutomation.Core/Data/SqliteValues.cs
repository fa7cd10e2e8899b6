using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GymAutomation.Core.Data;

/// <summary>
/// Binds a provider value (what EF's type mapping and value converter make of a property's value) to a statement's
/// parameter by its position, stored exactly as Microsoft.Data.Sqlite stores it when bound through a parameter:
/// integers, booleans and enums' numbers as integers, text as UTF-8, dates, times and decimals as the same text. The
/// types are those of the model's columns: <c>Data/SqliteValuesTests</c> compares both bindings over every column.
/// </summary>
internal static class SqliteValues
{
    internal const string DateTimeOffsetFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz";
    internal const string DateOnlyFormat = @"yyyy\-MM\-dd";
    private const string TimeFormat = @"HH\:mm\:ss";
    private const string TimeWithFractionFormat = @"HH\:mm\:ss\.fffffff";
    private const int StackBytes = 512;

    public static void Bind(sqlite3 connection, sqlite3_stmt statement, int index, object value)
    {
        var rc = value switch
        {
            DBNull => raw.sqlite3_bind_null(statement, index),
            string text => BindText(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(statement, index, number),
            decimal number => BindDecimal(statement, index, number),
            DateTime at => BindDateTime(statement, index, at),
            DateTimeOffset at => BindFormatted(statement, index, at, DateTimeOffsetFormat),
            DateOnly day => BindFormatted(statement, index, day, DateOnlyFormat),
            TimeOnly time => BindTime(statement, index, time),
            _ => throw new NotSupportedException($"A value of type {value.GetType()} is not bound by position; add it to {nameof(SqliteValues)}."),
        };
        Check(rc, connection);
    }

    /// <summary>Throws what Microsoft.Data.Sqlite throws for a bind that did not succeed.</summary>
    public static void Check(int rc, sqlite3 connection)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, connection);
        }
    }

    internal static int BindTime(sqlite3_stmt statement, int index, TimeOnly time) =>
        BindFormatted(statement, index, time, time.Ticks % TimeSpan.TicksPerSecond == 0 ? TimeFormat : TimeWithFractionFormat);

    internal static int BindFormatted<T>(sqlite3_stmt statement, int index, T value, string format)
        where T : IUtf8SpanFormattable
    {
        // The longest, a DateTimeOffset, takes 33 bytes; a decimal at most 31.
        Span<byte> utf8 = stackalloc byte[64];
        return value.TryFormat(utf8, out var written, format, CultureInfo.InvariantCulture)
            ? raw.sqlite3_bind_text(statement, index, utf8[..written])
            : throw new FormatException($"{value} does not fit {utf8.Length} bytes.");
    }

    /// <summary>
    /// Microsoft.Data.Sqlite's <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> written digit by digit: .NET's custom formats take a slow general path, and the
    /// import binds millions of times. <c>Data/SqliteValuesTests</c> compares the two.
    /// </summary>
    internal static int BindDateTime(sqlite3_stmt statement, int index, DateTime at)
    {
        Span<byte> utf8 = stackalloc byte[27];
        var (year, month, day) = at;
        Digits(utf8[..4], year);
        utf8[4] = (byte)'-';
        Digits(utf8.Slice(5, 2), month);
        utf8[7] = (byte)'-';
        Digits(utf8.Slice(8, 2), day);
        utf8[10] = (byte)' ';
        Digits(utf8.Slice(11, 2), at.Hour);
        utf8[13] = (byte)':';
        Digits(utf8.Slice(14, 2), at.Minute);
        utf8[16] = (byte)':';
        Digits(utf8.Slice(17, 2), at.Second);
        var length = 19;
        var fraction = (int)(at.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            utf8[19] = (byte)'.';
            Digits(utf8.Slice(20, 7), fraction);
            length = 27;
            while (utf8[length - 1] == '0')
            {
                length--;
            }
        }

        return raw.sqlite3_bind_text(statement, index, utf8[..length]);
    }

    /// <summary>
    /// Microsoft.Data.Sqlite's <c>0.0###########################</c> (at least one decimal, no trailing zeros) from the decimal's own shortest text, which
    /// keeps its scale's trailing zeros: a custom format takes .NET's slow general path.
    /// </summary>
    internal static int BindDecimal(sqlite3_stmt statement, int index, decimal number)
    {
        Span<byte> utf8 = stackalloc byte[64];
        if (number == 0m)
        {
            return raw.sqlite3_bind_text(statement, index, "0.0"u8);
        }

        if (!number.TryFormat(utf8, out var length, default, CultureInfo.InvariantCulture))
        {
            throw new FormatException($"{number} does not fit {utf8.Length} bytes.");
        }

        if (utf8[..length].IndexOf((byte)'.') < 0)
        {
            ".0"u8.CopyTo(utf8[length..]);
            return raw.sqlite3_bind_text(statement, index, utf8[..(length + 2)]);
        }

        while (utf8[length - 1] == '0' && utf8[length - 2] != '.')
        {
            length--;
        }

        return raw.sqlite3_bind_text(statement, index, utf8[..length]);
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    internal static int BindText(sqlite3_stmt statement, int index, string text)
    {
        var chars = text.AsSpan();
        var length = Encoding.UTF8.GetMaxByteCount(chars.Length);
        if (length <= StackBytes)
        {
            Span<byte> utf8 = stackalloc byte[StackBytes];
            return raw.sqlite3_bind_text(statement, index, utf8[..Encoding.UTF8.GetBytes(chars, utf8)]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return raw.sqlite3_bind_text(statement, index, rented.AsSpan(0, Encoding.UTF8.GetBytes(chars, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
