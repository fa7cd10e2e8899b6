using System.Net;
using System.Text.RegularExpressions;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// The text alternative of an HTML email, made simply: links keep their address in brackets (the unsubscribe link
/// must survive), block ends become line breaks, every other tag goes.
/// </summary>
internal static partial class PlainText
{
    public static string From(string html)
    {
        var text = Link().Replace(html, m => $"{m.Groups["text"].Value} ({m.Groups["href"].Value})");
        text = BlockEnd().Replace(text, "\n");
        text = WebUtility.HtmlDecode(Tag().Replace(text, string.Empty));
        text = SpaceBeforeLineBreak().Replace(text, "\n");
        return BlankLines().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex("""<a\s[^>]*?href\s*=\s*["'](?<href>[^"']*)["'][^>]*>(?<text>.*?)</a>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|h[1-6]|li|tr)>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t]+\n")]
    private static partial Regex SpaceBeforeLineBreak();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
