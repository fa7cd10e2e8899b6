using Bunit;
using GymAutomation.Core.Live;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Retention;

/// <summary>What workflows asked the signed-in staff member to do, on the retention board: listed, live, and done with a click.</summary>
public sealed class WorkflowNoticeTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    private BoardUi ui = null!;

    public async Task InitializeAsync() => ui = await BoardUi.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_board_lists_the_signed_in_persons_notifications_adds_a_new_one_live_and_drops_one_marked_done()
    {
        using var english = new CultureScope("en");
        var carla = await ui.Gym.ClientAsync("Carla");
        var bruno = await ui.Gym.ClientAsync("Bruno");
        var first = await ui.Gym.NotifiedAsync(ui.Ana.Id, carla, "Welcome", "Call to book a visit", hoursAgo: 2);
        await ui.Gym.NotifiedAsync(ui.Ben.Id, carla, "Win back", "Offer a free week");

        var host = ui.Render();

        host.WaitForAssertion(() => Assert.Equal(["Carla Test"], Clients(host)));
        Assert.Contains("From your workflows (1)", host.Find("[data-testid=workflow-notices]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Workflow “Welcome”, step “Call to book a visit”", host.Find("[data-testid=workflow-notice-line]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"/clients/{carla}", host.Find("[data-testid=workflow-notice-client]").GetAttribute("href"));

        await ui.Gym.NotifiedAsync(ui.Ana.Id, bruno, "Trial", "Ask how the class went");
        ui.Host.Get<LiveFeed>().Publish([new WorkflowNotified(ui.Now, ui.Ana.Id, bruno, "Bruno Test", "Trial", "Ask how the class went")]);

        host.WaitForAssertion(() => Assert.Equal(["Bruno Test", "Carla Test"], Clients(host)), Live);

        await host.FindAll("[data-testid=workflow-notice-done]")[1].ClickAsync(new());

        host.WaitForAssertion(() => Assert.Equal(["Bruno Test"], Clients(host)));
        await using var db = ui.Gym.CreateDb();
        Assert.NotNull((await db.WorkflowNotifications.SingleAsync(n => n.Id == first)).ReadAt);
        Assert.Equal(2, await db.WorkflowNotifications.CountAsync(n => n.ReadAt == null));
    }

    [Fact]
    public void Without_notifications_the_board_shows_no_list()
    {
        var host = ui.Render();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=board-filters]")));
        Assert.Empty(host.FindAll("[data-testid=workflow-notices]"));
    }

    private static List<string> Clients(IRenderedComponent<Support.MudHost> host) =>
        [.. host.FindAll("[data-testid=workflow-notice-client]").Select(c => c.TextContent.Trim())];
}
