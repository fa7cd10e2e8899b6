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
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
    private const string DateTimeOffsetFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz";
    private const string DateOnlyFormat = @"yyyy\-MM\-dd";
    private const string TimeFormat = @"HH\:mm\:ss";
    private const string TimeWithFractionFormat = @"HH\:mm\:ss\.fffffff";
    private const string DecimalFormat = "0.0###########################";
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
            decimal number => BindFormatted(statement, index, number, DecimalFormat),
            DateTime at => BindFormatted(statement, index, at, DateTimeFormat),
            DateTimeOffset at => BindFormatted(statement, index, at, DateTimeOffsetFormat),
            DateOnly day => BindFormatted(statement, index, day, DateOnlyFormat),
            TimeOnly time => BindFormatted(statement, index, time, time.Ticks % TimeSpan.TicksPerSecond == 0 ? TimeFormat : TimeWithFractionFormat),
            _ => throw new NotSupportedException($"A value of type {value.GetType()} is not bound by position; add it to {nameof(SqliteValues)}."),
        };
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, connection);
        }
    }

    private static int BindFormatted<T>(sqlite3_stmt statement, int index, T value, string format)
        where T : IUtf8SpanFormattable
    {
        // The longest, a DateTimeOffset, takes 33 bytes; a decimal at most 31.
        Span<byte> utf8 = stackalloc byte[64];
        return value.TryFormat(utf8, out var written, format, CultureInfo.InvariantCulture)
            ? raw.sqlite3_bind_text(statement, index, utf8[..written])
            : throw new FormatException($"{value} does not fit {utf8.Length} bytes.");
    }

    private static int BindText(sqlite3_stmt statement, int index, string text)
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
