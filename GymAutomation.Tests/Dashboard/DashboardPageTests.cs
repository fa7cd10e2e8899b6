using System.Diagnostics;
using AngleSharp.Dom;
using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Data;
using GymAutomation.Core.Import;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Tests.Import;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using DashboardChanges = GymAutomation.Web.Features.Dashboard.DashboardChanges;
using DashboardFigures = GymAutomation.Web.Features.Dashboard.DashboardFigures;
using DashboardPage = GymAutomation.Web.Features.Dashboard.Dashboard;

namespace GymAutomation.Tests.Dashboard;

/// <summary>The dashboard in bunit: cards with their values, trends and links, empty charts, and live changes, coalesced.</summary>
public sealed class DashboardPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    private ComponentHost ui = null!;
    private CountingDbFactory snapshots = null!;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        var gym = ui.Gym;
        snapshots = new CountingDbFactory(gym.Get<IDbContextFactory<GymDbContext>>());
        ui.Context.Services.AddSingleton(new DashboardKpis(snapshots, gym.Get<LeadScores>(), gym.Clock, gym.Get<IOptions<RetentionOptions>>()));
        ui.Context.Services.AddSingleton(ui.Gym.Get<IOptions<RetentionOptions>>());
        ui.Context.Services.AddSingleton(_ => new DashboardChanges(gym.Get<LiveFeed>(), gym.Clock));
        ui.Context.Services.AddSingleton<DashboardFigures>();
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Each_card_shows_its_value_the_trend_coloured_by_whether_up_is_good_and_links_to_the_list_behind_it()
    {
        using var english = new CultureScope("en");
        await DashboardData.SeedAsync(ui.Gym);
        ui.RenderHost();

        var page = ui.Context.Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("3", Text(Card(page, "open-alerts"), "kpi-value")), Live);
        Assert.Equal(("▼ 25% vs a week ago (4)", "kpi-good"), Trend(Card(page, "open-alerts")));
        Assert.Equal("/marketing/automation/retention/", Card(page, "open-alerts").GetAttribute("href"));
        Assert.Equal(("▼ 33% vs a week ago (3)", "kpi-good"), Trend(Card(page, "high-risk-alerts")));
        Assert.Equal("/marketing/automation/retention/?risk=70", Card(page, "high-risk-alerts").GetAttribute("href"));
        Assert.Equal(("▼ 33% vs a week ago (3)", "kpi-good"), Trend(Card(page, "unassigned-alerts")));
        Assert.Equal("/marketing/automation/retention/?assignee=unassigned", Card(page, "unassigned-alerts").GetAttribute("href"));
        Assert.Equal("2", Text(Card(page, "emails-today"), "kpi-value"));
        Assert.Equal(("▲ 100% vs yesterday (1)", "kpi-good"), Trend(Card(page, "emails-today")));
        Assert.Equal("/marketing/automation/emails/?status=SENT", Card(page, "emails-today").GetAttribute("href"));
        Assert.Equal("75%", Text(Card(page, "open-rate"), "kpi-value"));
        Assert.Equal(("▲ 50% vs the 7 days before (50%)", "kpi-good"), Trend(Card(page, "open-rate")));
        Assert.Equal(("▼ 50% vs the 7 days before (50%)", "kpi-bad"), Trend(Card(page, "click-rate")));
        Assert.Equal("48.5 h", Text(Card(page, "time-to-resolve"), "kpi-value"));
        Assert.Equal(("▼ 80% vs the 30 days before (240 h)", "kpi-good"), Trend(Card(page, "time-to-resolve")));
        Assert.Equal("33%", Text(Card(page, "members-at-risk"), "kpi-value"));
        Assert.Equal("/marketing/automation/scoring/?stage=HotLead", Card(page, "hot-leads").GetAttribute("href"));
        Assert.Equal("Leads converted, last 30 days", Text(Card(page, "conversions"), "kpi-title"));
        Assert.Equal(3, page.FindAll("[data-testid^=kpi-group-]").Count);
        Assert.Equal(16, page.FindAll("[data-testid=kpi-value]").Count);
        Assert.NotEmpty(page.FindAll("[data-testid=alerts-chart]"));
        Assert.NotEmpty(page.FindAll("[data-testid=emails-chart]"));
        Assert.NotEmpty(page.FindAll("[data-testid=distribution]"));
        Assert.NotEmpty(page.FindAll("[data-testid=visits-chart]"));
        Assert.StartsWith("Last updated ", page.Find("[data-testid=last-updated]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_gym_says_what_to_do_instead_of_drawing_empty_charts()
    {
        using var english = new CultureScope("en");
        ui.RenderHost();

        var page = ui.Context.Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("No emails sent in the last 30 days — activate a workflow.", page.Find("[data-testid=empty-emails]").TextContent.Trim()), Live);
        Assert.NotEmpty(page.FindAll("[data-testid=empty-alerts]"));
        Assert.NotEmpty(page.FindAll("[data-testid=empty-scores]"));
        Assert.NotEmpty(page.FindAll("[data-testid=empty-visits]"));
        Assert.Equal("—", Text(Card(page, "open-rate"), "kpi-value"));
    }

    [Fact]
    public async Task An_alert_opened_elsewhere_shows_on_the_open_alerts_card_without_a_reload()
    {
        ui.RenderHost();
        var page = ui.Context.Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("0", Text(Card(page, "open-alerts"), "kpi-value")), Live);

        var alert = await OpenAlertAsync("Iris");
        ui.Gym.Get<LiveFeed>().Publish([new AlertChanged(ui.Gym.Clock.UtcNow, alert.Id, alert.ClientId, alert.Status, alert.Version, null)]);

        page.WaitForAssertion(() => Assert.Equal("1", Text(Card(page, "open-alerts"), "kpi-value")), Live);
        Assert.Equal("1", Text(Card(page, "unassigned-alerts"), "kpi-value"));
    }

    [Fact]
    public async Task A_change_published_from_the_servers_thread_re_renders_in_the_users_language_and_formats()
    {
        using var spanish = new CultureScope("es");
        await DashboardData.SeedAsync(ui.Gym);
        ui.RenderHost();
        var page = ui.Context.Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("3", Text(Card(page, "open-alerts"), "kpi-value")), Live);

        var alert = await OpenAlertAsync("Iris");
        await ServerCulture.RunAsync(() =>
            ui.Gym.Get<LiveFeed>().Publish([new AlertChanged(ui.Gym.Clock.UtcNow, alert.Id, alert.ClientId, alert.Status, alert.Version, null)]));

        page.WaitForAssertion(() => Assert.Equal("4", Text(Card(page, "open-alerts"), "kpi-value")), Live);
        Assert.Equal("Alertas abiertas", Text(Card(page, "open-alerts"), "kpi-title"));
        Assert.Equal("75 %", Text(Card(page, "open-rate"), "kpi-value"));
        Assert.Equal("48,5 h", Text(Card(page, "time-to-resolve"), "kpi-value"));
        Assert.Matches(@"^Actualizado a las \d{1,2}:\d{2}:\d{2}$", page.Find("[data-testid=last-updated]").TextContent.Trim());
    }

    [Fact]
    public async Task An_import_elsewhere_shows_on_the_dashboard_without_a_reload()
    {
        using var english = new CultureScope("en");
        ui.RenderHost();
        var page = ui.Context.Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=empty-visits]")), Live);
        using var folder = new ImportFolder()
            .With("clients.csv", "external_id,first_name,status,created_at", "C1,Ana,ACTIVE,2025-01-10T09:00:00Z")
            .With("memberships.csv", "external_id,client_external_id,plan,start_date,status", "M1,C1,Monthly,2025-01-10,ACTIVE")
            .With("visits.csv", "client_external_id,visited_at", $"C1,{ui.Gym.Clock.UtcNow.AddDays(-3):yyyy-MM-ddTHH:mm:ssZ}");

        await ui.Gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=visits-chart]")), Live);
    }

    [Fact]
    public async Task A_burst_of_changes_reads_the_figures_a_few_times_not_once_per_change()
    {
        ui.RenderHost();
        var page = ui.Context.Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("0", Text(Card(page, "open-alerts"), "kpi-value")), Live);
        var readsBefore = snapshots.Created;
        var feed = ui.Gym.Get<LiveFeed>();
        var alert = await OpenAlertAsync("Iris");

        var burst = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            feed.Publish([new AlertChanged(ui.Gym.Clock.UtcNow, alert.Id, alert.ClientId, alert.Status, alert.Version + i, null)]);
        }

        var burstTook = burst.Elapsed;
        page.WaitForAssertion(() => Assert.Equal("1", Text(Card(page, "open-alerts"), "kpi-value")), Live);
        // What arrived after the first delivery goes out one interval later: wait for it before counting.
        await Task.Delay(DashboardPage.LiveInterval * 3);

        // Every delivery reads the snapshot once: the first at once, then at most one per interval.
        var deliveries = snapshots.Created - readsBefore;
        Assert.InRange(deliveries, 1, 2 + (int)(burstTook / DashboardPage.LiveInterval));
    }

    private async Task<RetentionAlert> OpenAlertAsync(string name)
    {
        var now = ui.Gym.Clock.UtcNow;
        await using var db = ui.Gym.CreateDb();
        var client = new Client { FirstName = name, Status = ClientStatus.Active, Stage = PipelineStage.Member, CreatedAt = now, UpdatedAt = now };
        var alert = new RetentionAlert
        {
            Client = client, Type = AlertType.NoAttendance, RuleName = "No visit for 14 days", RiskScore = 60, Status = AlertStatus.Open,
            CreatedAt = now, UpdatedAt = now, Facts = new AlertFacts { Days = 14 },
        };
        db.RetentionAlerts.Add(alert);
        await db.SaveChangesAsync();
        return alert;
    }

    /// <summary>The gym's context factory, counting the contexts it hands out: the dashboard opens one per snapshot.</summary>
    private sealed class CountingDbFactory(IDbContextFactory<GymDbContext> inner) : IDbContextFactory<GymDbContext>
    {
        private int created;

        public int Created => Volatile.Read(ref created);

        public GymDbContext CreateDbContext()
        {
            Interlocked.Increment(ref created);
            return inner.CreateDbContext();
        }
    }

    private static IElement Card(IRenderedComponent<DashboardPage> page, string id) => page.Find($"[data-testid=kpi-{id}]");

    private static string Text(IElement card, string testId) => card.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static (string Text, string Colour) Trend(IElement card)
    {
        var trend = card.QuerySelector("[data-testid=kpi-trend]")!;
        return (trend.TextContent.Trim(), trend.ClassList.Single(c => c is "kpi-good" or "kpi-bad" or "mud-text-secondary"));
    }
}
