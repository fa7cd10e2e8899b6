using System.Buffers;
using System.Globalization;
using GymAutomation.Core.Common;
using GymAutomation.Core.Gym;

namespace GymAutomation.Core.Import;

/// <summary>
/// Reads the current row's values as the format defines them, collecting every problem instead of stopping at the
/// first: the report then says all that is wrong with a row at once.
/// </summary>
internal sealed class ImportRow(ImportCsv csv)
{
    /// <summary>What no value may hold: control characters (C0, DEL, C1) and U+FFFD, the mark a wrong conversion leaves.</summary>
    private static readonly SearchValues<char> NotText = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), '\uFFFD']);

    private readonly List<string> problems = [];

    /// <summary>What is wrong with the row, or null when it can be imported. A row that cannot be read (broken quotes) has only that reason.</summary>
    public string? Problem => csv.RowProblem ?? (problems.Count == 0 ? null : string.Join(" ", problems));

    /// <summary>The line the row starts on in its file.</summary>
    public long Line => csv.Line;

    public void Start() => problems.Clear();

    public void Fail(string message, params object?[] values) => problems.Add(ImportText.Format(message, values));

    public string? Text(string column, int maxLength)
    {
        var value = Value(column);
        if (value is not null && value.Length > maxLength)
        {
            Fail(ImportText.TooLong, column, maxLength);
        }

        return value;
    }

    public string RequiredText(string column, int maxLength) => Text(column, maxLength) ?? Missing(column, "");

    /// <summary>A time with its offset, in UTC, and one <paramref name="times"/> accepts.</summary>
    public DateTime Timestamp(string column, ImportTimes times)
    {
        var value = Value(column);
        if (value is null)
        {
            return Missing(column, default(DateTime));
        }

        // "K" also reads a time without any offset, as local time: the format asks for Z or an offset.
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-');
        if (hasOffset && ImportTimestamps.TryParse(value, out var at))
        {
            CheckTime(column, value, at, times);
            return at;
        }

        Fail(ImportText.NotTimestamp, column, value);
        return default;
    }

    /// <summary>A day that may lie ahead (a membership's start or end): from 2000-01-01, before 2100-01-01.</summary>
    public DateOnly Date(string column) => OptionalDate(column) ?? Missing(column, default(DateOnly));

    public DateOnly? OptionalDate(string column)
    {
        var value = Value(column);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            CheckTime(column, value, date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), ImportTimes.Planned);
            return date;
        }

        Fail(ImportText.NotDate, column, value);
        return null;
    }

    public decimal Amount(string column) => OptionalAmount(column) ?? Missing(column, 0m);

    /// <summary>A sum of money: not negative, at most two decimals and what the database's columns hold (10 digits).</summary>
    public decimal? OptionalAmount(string column)
    {
        var value = Value(column);
        if (value is null)
        {
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            Fail(ImportText.NotDecimal, column, value);
            return null;
        }

        if (amount < 0 || amount >= 100_000_000m || (amount.Scale > 2 && amount != decimal.Round(amount, 2)))
        {
            Fail(ImportText.AmountOutOfRange, column, value);
            return null;
        }

        return amount;
    }

    /// <summary><c>true</c> or <c>false</c>, in any case (spreadsheets write <c>TRUE</c>); empty is false.</summary>
    public bool Boolean(string column)
    {
        var value = Value(column);
        if (value is null || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Fail(ImportText.NotBoolean, column, value);
        return false;
    }

    /// <summary>
    /// A value of <typeparamref name="TEnum"/> written exactly as the format does: upper case, words joined by <c>_</c>
    /// (<c>NO_SHOW</c>). <c>active</c> or <c>NoShow</c> is refused: the format has one spelling, and the exports write it.
    /// </summary>
    public TEnum Choice<TEnum>(string column)
        where TEnum : struct, Enum
    {
        var value = Value(column);
        if (value is null)
        {
            return Missing(column, default(TEnum));
        }

        if (ImportNames.TryParse<TEnum>(value, out var choice))
        {
            return choice;
        }

        Fail(ImportText.NotOneOf, column, value, string.Join(", ", ImportNames.Of<TEnum>()));
        return default;
    }

    /// <summary>An email address, normalized as the app stores it (lower case).</summary>
    public string? Email(string column)
    {
        var value = Value(column);
        if (value is null)
        {
            return null;
        }

        if (!EmailAddresses.IsValid(value))
        {
            Fail(ImportText.BadEmail, column, value);
            return null;
        }

        return EmailAddresses.Normalize(value);
    }

    /// <summary>A phone number, by the rule the desk and the API use (<see cref="Phones"/>).</summary>
    public string? Phone(string column, int maxLength)
    {
        var value = Text(column, maxLength);
        if (value is not null && !Phones.IsValid(value))
        {
            Fail(ImportText.BadPhone, column, value);
            return null;
        }

        return value;
    }

    /// <summary>The value in <paramref name="column"/>, noting a problem when it holds a character no value may hold.</summary>
    private string? Value(string column)
    {
        var value = csv[column];
        if (value is not null && value.AsSpan().IndexOfAny(NotText) is var at and >= 0)
        {
            Fail(ImportText.ControlCharacter, column, (int)value[at]);
        }

        return value;
    }

    /// <summary>Notes a time before 2000, one that has not happened yet when <paramref name="times"/> says it has, or a plan from 2100 on.</summary>
    private void CheckTime(string column, string value, DateTime utc, ImportTimes times)
    {
        if (utc < SaneTimes.EarliestHistory)
        {
            Fail(ImportText.TooEarly, column, value, SaneTimes.EarliestHistory);
        }
        else if (times.Now is { } now && utc > now + times.Skew)
        {
            var minutes = (int)times.Skew.TotalMinutes;
            Fail(ImportText.NotHappened(minutes), column, value, now, minutes);
        }
        else if (times.Now is null && utc >= SaneTimes.EndOfPlans)
        {
            Fail(ImportText.TooLate, column, value, SaneTimes.EndOfPlans);
        }
    }

    private T Missing<T>(string column, T fallback)
    {
        Fail(ImportText.Required, column);
        return fallback;
    }
}

/// <summary>
/// The times a timestamp column accepts, all from 2000-01-01 on: for something that already happened (a visit, a
/// payment) at most <see cref="Now"/> plus <see cref="Skew"/>; for something planned (<see cref="Planned"/>: a class,
/// a membership) any time before 2100-01-01.
/// </summary>
internal sealed record ImportTimes(DateTime? Now, TimeSpan Skew)
{
    public static ImportTimes Planned { get; } = new(null, TimeSpan.Zero);
}
