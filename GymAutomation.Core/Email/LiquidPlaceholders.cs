using System.Net;
using System.Text.RegularExpressions;

namespace GymAutomation.Core.Email;

/// <summary>
/// Keeps Liquid (<c>{{ … }}</c>, <c>{% … %}</c>) away from the HTML parsers: the sanitizer drops an href it reads
/// as a bad address and both parsers encode quotes and <c>&gt;</c>, which Liquid then fails to read. Each tag is
/// swapped for a word no one writes before parsing and swapped back after.
/// </summary>
internal sealed partial class LiquidPlaceholders
{
    private readonly string prefix = "liquid" + Guid.NewGuid().ToString("N");
    private readonly List<string> tags = [];

    /// <param name="decodeEntities">True for HTML a browser wrote, where a typed <c>&gt;</c> arrives as <c>&amp;gt;</c>.</param>
    public string Protect(string text, bool decodeEntities = false) =>
        Liquid().Replace(text, match =>
        {
            tags.Add(decodeEntities ? WebUtility.HtmlDecode(match.Value) : match.Value);
            return $"{prefix}n{tags.Count - 1}z";
        });

    public string Restore(string html) =>
        tags.Count == 0 ? html : Regex.Replace(html, prefix + @"n(\d+)z", m => tags[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Liquid();
}
