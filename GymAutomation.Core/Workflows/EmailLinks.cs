using System.Text.RegularExpressions;
using GymAutomation.Core.Gym;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// The links an email carries back to the app: its unsubscribe link, the pixel that tells it was opened, and every
/// link in its body turned into a signed redirect that tells it was clicked. All start at <see cref="GymOptions.PublicUrl"/>.
/// </summary>
public sealed partial class EmailLinks(EmailTracking tracking, IOptions<GymOptions> gym)
{
    private string Base => gym.Value.PublicUrl.TrimEnd('/');

    public string UnsubscribeUrl(int clientId) => $"{Base}/unsubscribe/{tracking.UnsubscribeToken(clientId)}";

    /// <summary>The body as it goes out: http(s) links except the unsubscribe link go through the click redirect, and the pixel is appended.</summary>
    public string Track(string html, long sendId)
    {
        var unsubscribe = $"{Base}/unsubscribe/";
        var tracked = Href().Replace(html, match =>
        {
            var url = System.Net.WebUtility.HtmlDecode(match.Groups["url"].Value);
            return url.StartsWith(unsubscribe, StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                ? match.Value
                : $"href=\"{Base}/t/c/{tracking.ClickToken(sendId, url)}\"";
        });
        return tracked + $"<img src=\"{Base}/t/o/{tracking.OpenToken(sendId)}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
    }

    [GeneratedRegex("href=\"(?<url>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
