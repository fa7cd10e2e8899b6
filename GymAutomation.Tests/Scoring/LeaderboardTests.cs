using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Scoring;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;

namespace GymAutomation.Tests.Scoring;

public sealed class LeaderboardTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    private ComponentHost ui = null!;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        ui.SignIn(Roles.Manager, Policies.AnyStaff, Policies.Marketing, Policies.Management);
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task A_pushed_score_change_re_ranks_the_board_in_place_and_shows_who_moved()
    {
        var ana = await LeadAsync("Ana", visits: 3, source: "web");
        var bea = await LeadAsync("Bea", visits: 2, source: "walk-in");
        var carlos = await LeadAsync("Carlos", visits: 1, source: "web");
        ui.RenderHost();
        var page = ui.Context.Render<ScoringDashboard>();
        page.WaitForAssertion(() => Assert.Equal(["Ana Test", "Bea Test", "Carlos Test"], Names(page)));
        var beaRow = page.Find($"[data-client-id='{bea}']");

        await RecordAsync(bea, ClientEventTypes.PurchaseMade);

        page.WaitForAssertion(() => Assert.Equal(["Bea Test", "Ana Test", "Carlos Test"], Names(page)), Live);
        Assert.Equal(["45", "30", "10"], page.FindAll("[data-testid=score]").Select(s => s.TextContent));
        Assert.Equal("▲1", Move(page, bea));
        Assert.Equal("▼1", Move(page, ana));
        Assert.Null(page.Find($"[data-client-id='{carlos}']").QuerySelector("[data-testid=rank-move]"));
        Assert.Contains("score-flash-1", page.Find($"[data-client-id='{bea}']").ClassName, StringComparison.Ordinal);
        Assert.Contains("Compra Realizada", page.Find($"[data-client-id='{bea}']").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("+25", page.Find("[data-testid=feed-line]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Bea Test", page.Find("[data-testid=feed-line]").TextContent, StringComparison.Ordinal);
        // The row was moved, not rebuilt: the same element carries the new rank.
        Assert.Equal("1", beaRow.QuerySelector(".rank")!.TextContent);
    }

    [Fact]
    public async Task A_score_change_from_the_servers_thread_re_ranks_the_board_in_the_users_language_and_formats()
    {
        using var spanish = new CultureScope("es");
        await LeadAsync("Ana", visits: 3, source: "web");
        var bea = await LeadAsync("Bea", visits: 2, source: "walk-in");
        ui.RenderHost();
        var page = ui.Context.Render<ScoringDashboard>();
        page.WaitForAssertion(() => Assert.Equal(["Ana Test", "Bea Test"], Names(page)));

        await ServerCulture.RunAsync(() => RecordAsync(bea, ClientEventTypes.PurchaseMade));

        page.WaitForAssertion(() => Assert.Equal(["Bea Test", "Ana Test"], Names(page)), Live);
        var row = page.Find($"[data-client-id='{bea}']");
        Assert.Contains("Última actividad:", row.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}$", row.QuerySelector("[data-testid=last-activity]")!.GetAttribute("title"));
        Assert.Contains("Cambios recientes", page.FindAll("h6").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task A_lead_that_climbs_into_a_filtered_board_appears_as_new_and_a_burst_ends_in_the_right_order()
    {
        var ana = await LeadAsync("Ana", visits: 2, source: "web");
        var bea = await LeadAsync("Bea", visits: 0, source: "web");
        await LeadAsync("Dani", visits: 5, source: "walk-in");
        ui.Get<NavigationManager>().NavigateTo("/marketing/automation/scoring/");
        ui.RenderHost();
        var page = ui.Context.Render<ScoringDashboard>();
        page.WaitForAssertion(() => Assert.Equal(["Dani Test", "Ana Test"], Names(page)));

        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single().Instance.ValueChanged.InvokeAsync("web"));
        page.WaitForAssertion(() => Assert.Equal(["Ana Test"], Names(page)));

        await RecordAsync(bea, ClientEventTypes.PurchaseMade);

        page.WaitForAssertion(() => Assert.Equal(["Bea Test", "Ana Test"], Names(page)), Live);
        Assert.Equal("▲", Move(page, bea));
        Assert.Equal("▼1", Move(page, ana));

        for (var i = 0; i < 4; i++)
        {
            await RecordAsync(bea, ClientEventTypes.EmailOpened);
        }

        page.WaitForAssertion(() => Assert.Equal(["45", "20"], page.FindAll("[data-testid=score]").Select(s => s.TextContent)), Live);
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=feed-line]").Count(l => l.TextContent.Contains("Bea Test", StringComparison.Ordinal))), Live);
        Assert.Equal(["Bea Test", "Ana Test"], Names(page));
    }

    [Fact]
    public async Task The_board_takes_its_filters_from_the_address_shows_them_applied_and_keeps_changes_there()
    {
        using var english = new CultureScope("en");
        await LeadAsync("Ana", visits: 2, source: "web", PipelineStage.HotLead);
        await LeadAsync("Bea", visits: 3, source: "web");
        await LeadAsync("Dani", visits: 1, source: "walk-in", PipelineStage.HotLead);
        var navigation = ui.Get<NavigationManager>();
        navigation.NavigateTo("/marketing/automation/scoring/?stage=HotLead");
        ui.RenderHost();

        var page = ui.Context.Render<ScoringDashboard>();

        page.WaitForAssertion(() => Assert.Equal(["Ana Test", "Dani Test"], Names(page)));
        Assert.Equal(PipelineStage.HotLead, page.FindComponent<MudSelect<PipelineStage?>>().Instance.GetState(x => x.Value));
        Assert.Equal("Hot lead", page.Find("[data-testid=stage-filter]").TextContent.Trim());

        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("web"));

        page.WaitForAssertion(() => Assert.Equal(["Ana Test"], Names(page)));
        Assert.EndsWith("/marketing/automation/scoring/?stage=HotLead&source=web", navigation.Uri, StringComparison.Ordinal);

        navigation.NavigateTo("/marketing/automation/scoring/?stage=nonsense");

        page.WaitForAssertion(() => Assert.Equal(["Bea Test", "Ana Test", "Dani Test"], Names(page)));
        Assert.Null(page.FindComponent<MudSelect<PipelineStage?>>().Instance.GetState(x => x.Value));
    }

    private static List<string> Names(IRenderedComponent<ScoringDashboard> page) =>
        page.FindAll("[data-testid=lead-name]").Select(n => n.TextContent.Trim()).ToList();

    private static string? Move(IRenderedComponent<ScoringDashboard> page, int clientId) =>
        page.Find($"[data-client-id='{clientId}']").QuerySelector("[data-testid=rank-move]")?.TextContent.Trim();

    private async Task<int> LeadAsync(string name, int visits, string source, PipelineStage stage = PipelineStage.New)
    {
        var id = (await ui.Gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = name, LastName = "Test", Source = source, Stage = stage })).Value!.Id;
        for (var i = 0; i < visits; i++)
        {
            ui.Gym.Time.Advance(TimeSpan.FromMinutes(1));
            await ui.Gym.Get<FrontDesk>().RegisterVisitAsync(id);
        }

        await ui.Gym.Get<EventDispatcher>().DrainAsync();
        return id;
    }

    private async Task RecordAsync(int clientId, string type)
    {
        ui.Gym.Time.Advance(TimeSpan.FromMinutes(1));
        await using (var db = ui.Gym.CreateDb())
        {
            ui.Gym.Get<EventOutbox>().Add(db, type, clientId, source: EventSources.Api);
            await db.SaveChangesAsync();
        }

        await ui.Gym.Get<EventDispatcher>().DrainAsync();
    }
}
