using System.Globalization;
using System.Text.RegularExpressions;

namespace GymAutomation.Tests.Support;

/// <summary>
/// Finds dates, times and numbers a Madrid gym (es-ES formats, <c>Gym:Locale</c>) never shows, in either language.
/// Each check only flags what cannot be the gym's format, so ids, phones and codes do not count:
/// <list type="bullet">
/// <item>a clock time with AM/PM (the gym's clock has 24 hours);</item>
/// <item>a date d/m/yyyy whose second number cannot be a month (12/24/2026): it was written month first;</item>
/// <item>"1,234" grouping (the gym groups with a dot, "1.234");</item>
/// <item>a decimal point, "48.2 h" (the gym's decimals take a comma, and its groups of thousands always three digits);</item>
/// <item>in Spanish only, an English month or weekday name (words follow the reader's language).</item>
/// </list>
/// </summary>
public static partial class ForeignFormats
{
    public static IReadOnlyList<string> Find(string screenText, bool spanishReader)
    {
        var found = new List<string>();
        found.AddRange(AmPm().Matches(screenText).Select(m => $"12-hour time \"{m.Value}\""));
        found.AddRange(SlashDate().Matches(screenText).Where(MonthFirst).Select(m => $"month-first date \"{m.Value}\""));
        found.AddRange(CommaGrouping().Matches(screenText).Select(m => $"comma grouping \"{m.Value}\""));
        found.AddRange(DecimalPoint().Matches(screenText).Select(m => $"decimal point \"{m.Value}\""));
        if (spanishReader)
        {
            found.AddRange(EnglishMonthOrDay().Matches(screenText).Select(m => $"English date word \"{m.Value}\""));
        }

        return found.Distinct().ToList();
    }

    private static bool MonthFirst(Match date) => int.Parse(date.Groups["second"].Value, CultureInfo.InvariantCulture) > 12;

    [GeneratedRegex(@"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?\s?(?:AM|PM|am|pm|a\.\s?m\.|p\.\s?m\.)(?![\p{L}])")]
    private static partial Regex AmPm();

    [GeneratedRegex(@"(?<![\d/])\d{1,2}/(?<second>\d{1,2})/\d{2,4}(?![\d/])")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"(?<![\d.,])[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?(?![\d,])")]
    private static partial Regex CommaGrouping();

    [GeneratedRegex(@"(?<![\d.,\p{L}])\d+\.\d{1,2}(?![\d.,])")]
    private static partial Regex DecimalPoint();

    [GeneratedRegex(@"(?<!\p{L})(?:January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:Jan|Feb|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?=,? \d))(?!\p{L})")]
    private static partial Regex EnglishMonthOrDay();
}
