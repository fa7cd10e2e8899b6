using System.Text.RegularExpressions;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>The managers' dashboard in a browser: a colleague resolves an alert and the figures follow without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    /// <summary>Live changes arrive in well under a second; this leaves room for a busy machine.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions FewSeconds = new() { Timeout = 5_000 };

    [Fact]
    public async Task A_manager_watching_the_dashboard_sees_open_alerts_go_down_when_a_colleague_resolves_one()
    {
        await server.App.CreateStaffAsync("maria@test.gym", Roles.Manager);
        var iris = await AlertAsync("Iris");
        await AlertAsync("Hugo");
        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "maria@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync("/marketing/automation/");
        await BrowserPages.WaitForInteractiveAsync(page);
        var openAlerts = page.GetByTestId("kpi-open-alerts");
        await Expect(openAlerts.GetByTestId("kpi-value")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("kpi-resolved-this-week").GetByTestId("kpi-value")).ToHaveTextAsync("0");
        await page.EvaluateAsync("window.stillTheSamePage = true");

        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<RetentionAlerts>()
                .ResolveAsync(iris.Id, iris.Version, AlertOutcome.Contacted, "Coming back on Monday", new StaffActor("colleague", "Colleague"));
            Assert.True(result.Succeeded);
        }

        await Expect(openAlerts.GetByTestId("kpi-value")).ToHaveTextAsync("1", FewSeconds);
        await Expect(page.GetByTestId("kpi-resolved-this-week").GetByTestId("kpi-value")).ToHaveTextAsync("1", FewSeconds);
        Assert.True(await page.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        await BrowserPages.ScreenshotAsync(page, "dashboard-after-a-colleague-resolved");

        await openAlerts.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/marketing/automation/retention/$"));
    }

    [Fact]
    public async Task A_live_update_keeps_the_readers_language_and_the_gyms_formats()
    {
        await server.App.CreateStaffAsync("lucia@test.gym", Roles.Manager);
        var iris = await AlertAsync("Iris");
        await AlertAsync("Hugo");
        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "lucia@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync("/marketing/automation/");
        await BrowserPages.WaitForInteractiveAsync(page);
        // The test gym is Spanish (Gym:Language es), so its English readers get es-ES formats: a 24-hour clock, not 9:48:52 AM.
        await Expect(page.GetByTestId("last-updated")).ToHaveTextAsync(new Regex(@"^Last updated \d{1,2}:\d{2}:\d{2}$"));

        await page.GotoAsync("/culture/set?culture=es&returnUrl=%2Fmarketing%2Fautomation%2F");
        await BrowserPages.WaitForInteractiveAsync(page);
        var openAlerts = page.GetByTestId("kpi-open-alerts");
        // The server is shared with the other test of this class: count from what is open now.
        await Expect(openAlerts.GetByTestId("kpi-value")).ToHaveTextAsync(new Regex(@"^\d+$"));
        var before = int.Parse(await openAlerts.GetByTestId("kpi-value").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await ServerCulture.RunAsync(async () =>
        {
            await using var scope = server.App.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<RetentionAlerts>()
                .ResolveAsync(iris.Id, iris.Version, AlertOutcome.Contacted, null, new StaffActor("colleague", "Colleague"));
            Assert.True(result.Succeeded);
        });

        await Expect(openAlerts.GetByTestId("kpi-value")).ToHaveTextAsync((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), FewSeconds);
        await Expect(openAlerts.GetByTestId("kpi-title")).ToHaveTextAsync("Alertas abiertas");
        await Expect(page.GetByTestId("last-updated")).ToHaveTextAsync(new Regex(@"^Actualizado a las \d{1,2}:\d{2}:\d{2}$"));
        await BrowserPages.ScreenshotAsync(page, "dashboard-es-after-a-live-update");
    }

    private Task<RetentionAlert> AlertAsync(string firstName) => DashboardAlerts.OpenAsync(server.App.Services, firstName);
}
