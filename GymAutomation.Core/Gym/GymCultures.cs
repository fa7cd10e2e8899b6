using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Gym;

/// <summary>
/// The culture a reader's screens format with: the gym's regional formats (<see cref="GymOptions.Locale"/>: short
/// dates, times, numbers, percentages) with the words of the reader's language (day and month names, the long date
/// that spells them out). A Madrid gym's English reader sees 1/12/2026 20:21 and "Tuesday, 1 December 2026"; its
/// Spanish reader sees 1/12/2026 20:21 and "martes, 1 de diciembre de 2026". The language itself stays the
/// UI culture, which picks the resources.
/// </summary>
public sealed class GymCultures(IOptions<GymOptions> options)
{
    private readonly ConcurrentDictionary<string, CultureInfo> byLanguage = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The gym's own locale, unchanged: what the gym's language reads.</summary>
    public CultureInfo Locale => CultureInfo.GetCultureInfo(options.Value.EffectiveLocale);

    /// <summary>The formatting culture of a reader whose language is <paramref name="language"/> (its UI culture).</summary>
    public CultureInfo For(CultureInfo language) => byLanguage.GetOrAdd(language.TwoLetterISOLanguageName, Build);

    /// <summary>Whether <paramref name="name"/> is a specific culture (a language in a region) this server has formats for.</summary>
    public static bool IsKnown(string name) =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures).Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private CultureInfo Build(string language)
    {
        var formats = (CultureInfo)Locale.Clone();
        var words = CultureInfo.GetCultureInfo(GymOptions.DefaultLocale(language)).DateTimeFormat;
        if (formats.TwoLetterISOLanguageName != language)
        {
            var dates = formats.DateTimeFormat;
            dates.DayNames = words.DayNames;
            dates.AbbreviatedDayNames = words.AbbreviatedDayNames;
            dates.ShortestDayNames = words.ShortestDayNames;
            dates.MonthNames = words.MonthNames;
            dates.AbbreviatedMonthNames = words.AbbreviatedMonthNames;
            dates.MonthGenitiveNames = words.MonthGenitiveNames;
            dates.AbbreviatedMonthGenitiveNames = words.AbbreviatedMonthGenitiveNames;
            dates.AMDesignator = words.AMDesignator;
            dates.PMDesignator = words.PMDesignator;
            // These patterns hold words ("d 'de' MMMM 'de' yyyy"): they are the language's, not the region's.
            dates.LongDatePattern = words.LongDatePattern;
            dates.MonthDayPattern = words.MonthDayPattern;
            dates.YearMonthPattern = words.YearMonthPattern;
            dates.FullDateTimePattern = words.LongDatePattern + " " + dates.LongTimePattern;
        }

        return CultureInfo.ReadOnly(formats);
    }
}
