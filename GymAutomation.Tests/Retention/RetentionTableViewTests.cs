using Bunit;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace GymAutomation.Tests.Retention;

/// <summary>The retention board's table view in bunit: server paging and sorting, the state filter, row actions, live rows.</summary>
public sealed class RetentionTableViewTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    private BoardUi ui = null!;

    public async Task InitializeAsync() => ui = await BoardUi.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_table_shows_the_highest_risks_first_25_to_a_page_and_sorts_and_pages_on_the_server()
    {
        using var english = new CultureScope("en");
        for (var i = 0; i < 30; i++)
        {
            await ui.AlertAsync($"M{i:00}", risk: 40 + i, assignedToId: i % 2 == 0 ? ui.Ben.Id : null);
        }

        var host = ui.Render("?view=table");

        host.WaitForAssertion(() => Assert.Equal(25, Clients(host).Count));
        Assert.Equal(["M29 Test", "M28 Test", "M27 Test"], Clients(host).Take(3));
        Assert.Equal("1-25 of 30", host.Find(".mud-table-page-number-information").TextContent.Trim());
        var first = host.FindAll("tbody tr")[0];
        Assert.Equal(
            ["M29 Test Last visit 17 days ago", "No attendance", "69", "No visit for 14 days: last visit 17 days ago, on 21 Feb 2026.", "Open", "Unassigned", "Opened 3 days ago"],
            first.QuerySelectorAll("td").Take(7).Select(c => Normalize(c.TextContent)));

        await SortByAsync(host, nameof(AlertSort.Client));
        host.WaitForAssertion(() => Assert.Equal(["M00 Test", "M01 Test", "M02 Test"], Clients(host).Take(3)));

        await host.InvokeAsync(() => Table(host).NavigateTo(1));
        host.WaitForAssertion(() => Assert.Equal(["M25 Test", "M26 Test", "M27 Test", "M28 Test", "M29 Test"], Clients(host)));

        await SortByAsync(host, nameof(AlertSort.Assignee));
        await host.InvokeAsync(() => Table(host).SetRowsPerPage(50));
        host.WaitForAssertion(() => Assert.Equal(30, Clients(host).Count));
        // Ascending by assignee: the unassigned ones first.
        Assert.Equal(["Unassigned", "Ben Staff"], host.FindAll("[data-testid=row-assignee]").Select(a => a.TextContent).Distinct());
    }

    [Fact]
    public async Task The_state_filter_narrows_the_table_a_row_acts_from_its_menu_and_a_live_change_updates_the_page()
    {
        using var english = new CultureScope("en");
        var iris = await ui.AlertAsync("Iris", risk: 90);
        await ui.AlertAsync("Bea", risk: 70, status: AlertStatus.InProgress, assignedToId: ui.Ben.Id);
        await ui.AlertAsync("Rui", status: AlertStatus.Resolved, outcome: AlertOutcome.Renewed);

        var host = ui.Render("?view=table&state=IN_PROGRESS");
        host.WaitForAssertion(() => Assert.Equal(["Bea Test"], Clients(host)));

        await host.InvokeAsync(() => host.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "State").Instance.ValueChanged.InvokeAsync("OPEN"));
        host.WaitForAssertion(() => Assert.Equal(["Iris Test"], Clients(host)));
        Assert.Contains("state=OPEN", ui.Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("view=table", ui.Navigation.Uri, StringComparison.Ordinal);

        await host.Find("tbody [data-testid=alert-menu] button").ClickAsync(new MouseEventArgs());
        await host.WaitForElement("[data-testid=action-assign-me]").ClickAsync(new MouseEventArgs());
        host.WaitForAssertion(() => Assert.Equal("Ana Staff", host.Find("[data-testid=row-assignee]").TextContent));
        Assert.Contains("Iris Test's alert is now assigned to Ana Staff.", host.Find(".mud-snackbar").TextContent, StringComparison.Ordinal);

        var version = (await ui.AlertOfAsync(iris)).Version;
        Assert.True((await ui.Gym.Get<RetentionAlerts>().DismissAsync(iris, version, "Moved away", ui.BenActing)).Succeeded);

        host.WaitForAssertion(() => Assert.Contains("No alerts match these filters.", host.Find("[data-testid=no-matches]").TextContent, StringComparison.Ordinal), Live);
    }

    private static MudTable<AlertCard> Table(IRenderedComponent<MudHost> host) => host.FindComponent<MudTable<AlertCard>>().Instance;

    private static Task SortByAsync(IRenderedComponent<MudHost> host, string column) =>
        host.FindComponents<MudTableSortLabel<AlertCard>>().Single(l => l.Instance.SortLabel == column).Find(".mud-table-sort-label").ClickAsync(new MouseEventArgs());

    private static List<string> Clients(IRenderedComponent<MudHost> host) => [.. host.FindAll("[data-testid=row-client]").Select(c => Normalize(c.TextContent))];

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
