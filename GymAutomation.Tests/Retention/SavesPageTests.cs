using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Retention.Saves;
using GymAutomation.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Retention;

/// <summary>The saves leaderboard and the dashboard's revenue kept, over a real gym, following cases as they close.</summary>
public sealed class SavesPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    private BoardUi ui = null!;

    public async Task InitializeAsync()
    {
        ui = await BoardUi.StartAsync();
        ui.Host.Context.Services.AddSingleton(ui.Gym.Get<RetentionSaves>());
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task A_case_closed_as_saved_shows_live_with_its_staff_member_and_three_months_of_its_price()
    {
        using var english = new CultureScope("en");
        var iris = await PricedAlertAsync("Iris", 40m);
        var hugo = await PricedAlertAsync("Hugo", 55m);
        var eva = await PricedAlertAsync("Eva", 70m);
        Assert.True((await ui.Gym.Get<RetentionAlerts>().ResolveAsync(hugo, 0, AlertOutcome.Upgraded, null, new StaffActor(ui.Ana.Id, ui.Ana.DisplayName))).Succeeded);
        var host = ui.Host.RenderHost(b =>
        {
            b.OpenComponent<SavesPage>(0);
            b.CloseComponent();
        });
        host.WaitForAssertion(() => Assert.Equal(["Ana Staff"], Texts(host, "saves-month", "total-name")));

        Assert.True((await ui.Gym.Get<RetentionAlerts>().ResolveAsync(iris, 0, AlertOutcome.Renewed, null, ui.BenActing)).Succeeded);
        Assert.True((await ui.Gym.Get<RetentionAlerts>().ResolveAsync(eva, 0, AlertOutcome.Cancelled, null, ui.BenActing)).Succeeded);

        var money = ui.Host.Get<GymFormat>();
        host.WaitForAssertion(() =>
        {
            Assert.Equal(["Ana Staff", "Ben Staff"], Texts(host, "saves-today", "total-name"));
            Assert.Equal([money.Money(165m), money.Money(120m)], Texts(host, "saves-today", "total-kept"));
        }, Live);
        Assert.Equal(["No visit for 14 days"], Texts(host, "saves-rules", "total-name"));
        Assert.Equal([money.Money(285m)], Texts(host, "saves-rules", "total-kept"));
        Assert.Equal(["Not confirmed yet", "Not confirmed yet"], host.FindAll("[data-testid=save-confirmation]").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public async Task A_save_from_the_servers_thread_shows_in_the_readers_language()
    {
        using var spanish = new CultureScope("es");
        var iris = await PricedAlertAsync("Iris", 40m);
        var host = ui.Host.RenderHost(b =>
        {
            b.OpenComponent<SavesPage>(0);
            b.CloseComponent();
        });
        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=saves-empty]")));

        await ServerCulture.RunAsync(async () =>
            Assert.True((await ui.Gym.Get<RetentionAlerts>().ResolveAsync(iris, 0, AlertOutcome.Renewed, null, ui.BenActing)).Succeeded));

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=save-row]")), Live);
        var row = host.Find("[data-testid=save-row]").TextContent;
        Assert.Contains("Renovó", row, StringComparison.Ordinal);
        Assert.Contains("Aún sin confirmar", row, StringComparison.Ordinal);
        Assert.Contains("120,00", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_shows_the_revenue_kept_this_month_and_by_rule_and_follows_a_new_save()
    {
        using var english = new CultureScope("en");
        var iris = await PricedAlertAsync("Iris", 40m);
        var host = ui.Host.RenderHost(b =>
        {
            b.OpenComponent<RevenueKept>(0);
            b.CloseComponent();
        });
        var money = ui.Host.Get<GymFormat>();
        host.WaitForAssertion(() => Assert.Equal($"{money.Money(0m)} kept this month", host.Find("[data-testid=kept-this-month]").TextContent.Trim()));

        Assert.True((await ui.Gym.Get<RetentionAlerts>().ResolveAsync(iris, 0, AlertOutcome.Returned, null, ui.BenActing)).Succeeded);

        host.WaitForAssertion(() => Assert.Equal($"{money.Money(120m)} kept this month", host.Find("[data-testid=kept-this-month]").TextContent.Trim()), Live);
        Assert.Equal([money.Money(120m)], Texts(host, "kept-by-rule", "total-kept"));
    }

    private static List<string> Texts(IRenderedComponent<MudHost> host, string table, string cell) =>
        [.. host.Find($"[data-testid={table}]").QuerySelectorAll($"[data-testid={cell}]").Select(e => e.TextContent.Trim())];

    private async Task<int> PricedAlertAsync(string name, decimal price)
    {
        var alert = await ui.AlertAsync(name);
        var clientId = (await ui.AlertOfAsync(alert)).ClientId;
        await using var db = ui.Gym.CreateDb();
        await db.Memberships.Where(m => m.ClientId == clientId).ExecuteUpdateAsync(u => u.SetProperty(m => m.Price, price));
        return alert;
    }
}
