using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Retention;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.ClientLists;
using GymAutomation.Web.Security;

namespace GymAutomation.Tests.Clients;

/// <summary>The client's page keeps every panel current while it is open: nobody reloads to see what just happened.</summary>
public sealed class ClientPageLiveTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    private ComponentHost ui = null!;
    private int carla;
    private int alertId;

    public async Task InitializeAsync()
    {
        ui = await RetentionUi.StartAsync();
        ui.SignIn(Roles.Staff, Policies.AnyStaff);
        carla = await ui.Gym.ClientAsync("Carla");
        alertId = await ui.Gym.AlertAsync(carla, AlertType.NoAttendance, 70, daysAgo: 2);
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task A_check_in_on_the_page_resolves_the_alert_in_its_alerts_panel_as_the_timeline_says()
    {
        using var english = new CultureScope("en");
        var page = RenderCarla();
        page.WaitForAssertion(() => Assert.Equal("OPEN", StatusShown(page)), Live);

        page.Find("[data-testid=check-in]").Click();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=profile-visits-30]").TextContent.Trim()), Live);
        await ui.Gym.Get<EventDispatcher>().DrainAsync();

        page.WaitForAssertion(() => Assert.Equal("RESOLVED", StatusShown(page)), Live);
        Assert.Contains("Came back · automatically", page.Find("[data-testid=alert-ending]").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=timeline-title]"), t => t.TextContent.Trim().StartsWith("Alert resolved", StringComparison.Ordinal)), Live);
        Assert.Equal(AlertStatus.Resolved, ui.Gym.CreateDb().RetentionAlerts.Single(a => a.Id == alertId).Status);
    }

    [Fact]
    public async Task A_visit_recorded_at_another_desk_shows_in_the_profile_and_the_visits_tab()
    {
        using var english = new CultureScope("en");
        var page = RenderCarla();
        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=profile-visits-30]").TextContent.Trim()), Live);
        Assert.Empty(page.FindAll("[data-testid=visit-time]"));

        Assert.True((await ui.Gym.Get<FrontDesk>().RegisterVisitAsync(carla)).Succeeded);
        await ui.Gym.Get<EventDispatcher>().DrainAsync();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=profile-visits-30]").TextContent.Trim()), Live);
        // The tab, empty until now, reads its first page once it renders its table.
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=visit-time]")), Live);
        page.WaitForAssertion(() => Assert.Equal("RESOLVED", StatusShown(page)), Live);
    }

    private IRenderedComponent<MudHost> RenderCarla() =>
        ui.RenderHost(builder =>
        {
            builder.OpenComponent<ClientPage>(0);
            builder.AddAttribute(1, nameof(ClientPage.ClientId), carla);
            builder.CloseComponent();
        });

    private static string? StatusShown(IRenderedComponent<MudHost> page) =>
        page.Find("[data-testid=client-alert]").GetAttribute("data-status");
}
