using System.Globalization;

namespace GymAutomation.Core.Common;

/// <summary>The plural categories of Unicode CLDR; a language uses some of them, always including <see cref="Other"/>.</summary>
public enum PluralCategory
{
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// <summary>
/// Chooses the form of a counted text ICU-style: a resource holds one key per plural category the language uses
/// ("NotesCount.One", "NotesCount.Other") and the count picks it by the language's CLDR rule, so no screen says
/// "1 notes". A category a language has but a text lacks falls back to "Other".
/// </summary>
public static class Plurals
{
    // CLDR's rules for whole counts, by language. English and Spanish: "one" for exactly 1, "other" otherwise.
    // Another language adds its rule here (French, for example: "one" for 0 and 1).
    private static readonly Dictionary<string, Func<long, PluralCategory>> Rules = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = OneForOne,
        ["es"] = OneForOne,
    };

    public static PluralCategory Category(long count, CultureInfo culture) =>
        (Rules.GetValueOrDefault(culture.TwoLetterISOLanguageName) ?? OneForOne)(count);

    /// <summary>The key of <paramref name="count"/>'s form of <paramref name="key"/>: "NotesCount.One" for 1 in English.</summary>
    public static string Key(string key, long count, CultureInfo culture) => $"{key}.{Category(count, culture)}";

    /// <summary>The key of the form every language has, for a category a text does not spell out.</summary>
    public static string OtherKey(string key) => $"{key}.{PluralCategory.Other}";

    private static PluralCategory OneForOne(long count) => count == 1 ? PluralCategory.One : PluralCategory.Other;
}
