using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace GymAutomation.Tests.Support;

/// <summary>Assertions on what the app answers over HTTP, and what its pages render.</summary>
public static partial class HttpAssert
{
    /// <summary>Asserts a 302 to <paramref name="path"/> and returns the redirect's query (ReturnUrl…).</summary>
    public static IDictionary<string, string> RedirectsTo(HttpResponseMessage response, string path)
    {
        var target = Redirect(response);
        Assert.Equal(path, target.AbsolutePath);
        return QueryHelpers.ParseQuery(target.Query).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Asserts a 302 and returns where it goes, as an absolute URI on the test server.</summary>
    public static Uri Redirect(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && location is not null,
            $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {location}, not a redirect.");
        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage?.RequestUri ?? new Uri("http://localhost/"), location);
    }

    /// <summary>The hrefs of the navigation drawer's links, in order.</summary>
    public static IReadOnlyList<string> NavigationLinks(string html)
    {
        var nav = NavPattern().Match(html);
        Assert.True(nav.Success, "The page has no navigation menu.");
        return LinkPattern().Matches(nav.Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    [GeneratedRegex("<nav class=\"mud-navmenu.*?</nav>", RegexOptions.Singleline)]
    private static partial Regex NavPattern();

    [GeneratedRegex("<a href=\"([^\"]*)\"[^>]*class=\"mud-nav-link")]
    private static partial Regex LinkPattern();
}
