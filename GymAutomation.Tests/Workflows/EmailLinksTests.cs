using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Workflows;

public sealed class EmailLinksTests
{
    [Fact]
    public async Task Links_go_through_the_click_redirect_except_unsubscribe_and_mail_links_and_the_pixel_is_appended()
    {
        await using var gym = await TestGym.StartAsync(new Dictionary<string, string?> { ["Gym:PublicUrl"] = "https://gym.example.com/" });
        var links = gym.Get<EmailLinks>();
        var unsubscribe = links.UnsubscribeUrl(7);

        var html = links.Track($"""<a href="https://example.com/timetable?day=1&amp;x=2">Timetable</a> <a href="mailto:desk@gym.example.com">Desk</a> <a href="{unsubscribe}">Unsubscribe</a>""", 42);

        Assert.Matches("href=\"https://gym.example.com/t/c/[^\"]+\">Timetable", html);
        Assert.Contains("href=\"mailto:desk@gym.example.com\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{unsubscribe}\"", html, StringComparison.Ordinal);
        Assert.Matches("<img src=\"https://gym.example.com/t/o/[^\"]+\" width=\"1\" height=\"1\"", html);
        Assert.StartsWith("https://gym.example.com/unsubscribe/", unsubscribe, StringComparison.Ordinal);
    }
}
