using System.Globalization;
using GymAutomation.Core.Common;
using GymAutomation.Core.Resources;

namespace GymAutomation.Core.Import;

/// <summary>
/// Reads the current row's values as the format defines them, collecting every problem instead of stopping at the
/// first: the report then says all that is wrong with a row at once.
/// </summary>
internal sealed class ImportRow(ImportCsv csv)
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
    private readonly List<string> problems = [];

    /// <summary>What is wrong with the row, or null when it can be imported. Broken quotes show once its values are read.</summary>
    public string? Problem => csv.RowProblem ?? (problems.Count == 0 ? null : string.Join(" ", problems));

    /// <summary>The line the row starts on in its file.</summary>
    public long Line => csv.Line;

    public void Start() => problems.Clear();

    public void Fail(string message, params object?[] values) => problems.Add(ImportText.Format(message, values));

    public string? Text(string column, int maxLength)
    {
        var value = csv[column];
        if (value is not null && value.Length > maxLength)
        {
            Fail(ImportText.TooLong, column, maxLength);
        }

        return value;
    }

    public string RequiredText(string column, int maxLength) => Text(column, maxLength) ?? Missing(column, "");

    public DateTime Timestamp(string column)
    {
        var value = csv[column];
        if (value is null)
        {
            return Missing(column, default(DateTime));
        }

        // "K" also reads a time without any offset, as local time: the format asks for Z or an offset.
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-');
        if (hasOffset && DateTimeOffset.TryParseExact(value, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return at.UtcDateTime;
        }

        Fail(ImportText.NotTimestamp, column, value);
        return default;
    }

    public DateOnly Date(string column) => OptionalDate(column) ?? Missing(column, default(DateOnly));

    public DateOnly? OptionalDate(string column)
    {
        var value = csv[column];
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Fail(ImportText.NotDate, column, value);
        return null;
    }

    public decimal Amount(string column) => OptionalAmount(column) ?? Missing(column, 0m);

    /// <summary>A sum of money: not negative, at most two decimals and what the database's columns hold (10 digits).</summary>
    public decimal? OptionalAmount(string column)
    {
        var value = csv[column];
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

    public bool Boolean(string column)
    {
        var value = csv[column];
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

    /// <summary>A value of <typeparamref name="TEnum"/> written as the format does: upper case, words joined by <c>_</c> (<c>NO_SHOW</c>).</summary>
    public TEnum Choice<TEnum>(string column)
        where TEnum : struct, Enum
    {
        var value = csv[column];
        if (value is null)
        {
            return Missing(column, default(TEnum));
        }

        if (value.All(c => char.IsAsciiLetter(c) || c == '_')
            && Enum.TryParse<TEnum>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var choice)
            && Enum.IsDefined(choice))
        {
            return choice;
        }

        Fail(ImportText.NotOneOf, column, value, string.Join(", ", ImportNames.Of<TEnum>()));
        return default;
    }

    /// <summary>An email address, normalized as the app stores it (lower case).</summary>
    public string? Email(string column)
    {
        var value = csv[column];
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

    private T Missing<T>(string column, T fallback)
    {
        Fail(ImportText.Required, column);
        return fallback;
    }
}
