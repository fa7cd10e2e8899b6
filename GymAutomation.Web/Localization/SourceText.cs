using System.Globalization;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Localization;

public static class SourceText
{
    /// <summary>
    /// Where a client came from, in words ("facebook-ads" reads "Facebook Ads"): the common sources have their
    /// words in each language, any other slug has its dashes turned to spaces and its words capitalised.
    /// </summary>
    public static string Source(this IStringLocalizer<AppText> text, string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return "—";
        }

        var known = text[$"Source.{source.Trim().ToLowerInvariant()}"];
        return known.ResourceNotFound ? Words(source) : known.Value;
    }

    private static string Words(string slug) => string.Join(' ', slug
        .Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries)
        .Select(word => char.ToUpper(word[0], CultureInfo.CurrentCulture) + word[1..]));
}
