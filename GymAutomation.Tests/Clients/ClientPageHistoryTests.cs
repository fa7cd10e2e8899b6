using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Retention;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.ClientLists;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace GymAutomation.Tests.Clients;

/// <summary>The client page's history tabs read the page they show, not the whole history; the tab titles and the profile read aggregates.</summary>
public sealed class ClientPageHistoryTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    private ComponentHost ui = null!;
    private int carla;
    private List<DateTime> visits = [];

    public async Task InitializeAsync()
    {
        ui = await RetentionUi.StartAsync();
        ui.SignIn(Roles.Staff, Policies.AnyStaff);
        carla = await ui.Gym.ClientAsync("Carla");
        // 23 visits, two days apart, the latest yesterday: three pages of ten.
        var now = ui.Gym.Clock.UtcNow;
        visits = Enumerable.Range(0, 23).Select(i => now.AddDays(-1 - (2 * i))).ToList();
        await using var db = ui.Gym.CreateDb();
        db.Visits.AddRange(visits.Select(v => new Visit { ClientId = carla, VisitedAt = v }));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_visits_tab_shows_the_page_chosen_and_a_live_visit_joins_the_shown_page_the_count_and_the_profile()
    {
        using var spanish = new CultureScope("es");
        var format = ui.Get<GymFormat>();
        var page = Render();

        page.WaitForAssertion(() => Assert.Equal(visits.Take(10).Select(format.DateTime), VisitTimes(page)), Live);
        Assert.Equal("Visitas (23)", VisitsTabTitle(page));
        Assert.Equal("15", page.Find("[data-testid=profile-visits-30]").TextContent.Trim());
        Assert.Equal("1-10 de 23", page.Find(".mud-table-page-number-information").TextContent.Trim());

        await page.InvokeAsync(() => Table(page).NavigateTo(2));
        page.WaitForAssertion(() => Assert.Equal(visits.Skip(20).Select(format.DateTime), VisitTimes(page)), Live);

        Assert.True((await ui.Gym.Get<FrontDesk>().RegisterVisitAsync(carla)).Succeeded);
        await ui.Gym.Get<EventDispatcher>().DrainAsync();

        // The shown page, the third, is read again: the new visit, first of all, pushes one more row onto it.
        page.WaitForAssertion(() => Assert.Equal("Visitas (24)", VisitsTabTitle(page)), Live);
        page.WaitForAssertion(() => Assert.Equal(visits.Skip(19).Select(format.DateTime), VisitTimes(page)), Live);
        Assert.Equal("16", page.Find("[data-testid=profile-visits-30]").TextContent.Trim());
        Assert.Equal("Hoy", page.Find("[data-testid=profile-last-visit]").TextContent.Trim());

        await page.InvokeAsync(() => Table(page).NavigateTo(0));
        page.WaitForAssertion(() => Assert.Equal(format.DateTime(ui.Gym.Clock.UtcNow), VisitTimes(page)[0]), Live);
    }

    [Fact]
    public async Task Prerendered_the_visits_tab_holds_a_placeholder_row_for_each_row_of_its_first_page_and_room_for_its_pager_and_live_the_rows()
    {
        using var spanish = new CultureScope("es");
        await using var prerender = new HtmlRenderer(ui.Context.Services, NullLoggerFactory.Instance);

        var markup = await prerender.Dispatcher.InvokeAsync(async () =>
        {
            var page = await prerender.RenderComponentAsync<ClientPage>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ClientPage.ClientId)] = carla }));
            return page.ToHtmlString();
        });

        Assert.Contains("Visitas (23)", markup, StringComparison.Ordinal);
        Assert.Equal(10, markup.Split("data-testid=\"history-placeholder\"").Length - 1);
        Assert.DoesNotContain("data-testid=\"visit-time\"", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Aún no hay visitas", markup, StringComparison.Ordinal);
        // Nor a pager counting nothing yet.
        Assert.DoesNotContain("0-0 de 0", markup, StringComparison.Ordinal);

        var live = Render();
        live.WaitForAssertion(() => Assert.Equal(10, VisitTimes(live).Count), Live);
        Assert.Empty(live.FindAll("[data-testid=history-placeholder]"));
    }

    private IRenderedComponent<MudHost> Render() =>
        ui.RenderHost(builder =>
        {
            builder.OpenComponent<ClientPage>(0);
            builder.AddAttribute(1, nameof(ClientPage.ClientId), carla);
            builder.CloseComponent();
        });

    private static MudTable<Visit> Table(IRenderedComponent<MudHost> page) => page.FindComponent<MudTable<Visit>>().Instance;

    private static List<string> VisitTimes(IRenderedComponent<MudHost> page) =>
        page.FindAll("[data-testid=visit-time]").Select(t => t.TextContent.Trim()).ToList();

    private static string VisitsTabTitle(IRenderedComponent<MudHost> page) =>
        page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).Single(t => t.StartsWith("Visitas", StringComparison.Ordinal));
}
