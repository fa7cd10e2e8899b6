using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>A marketer's whole way in a real browser: a segment built and counted, a campaign scheduled to it, and the campaign in a client's next days.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CampaignBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    [Fact]
    public async Task A_marketer_builds_a_segment_sees_its_count_schedules_a_campaign_to_it_and_reads_it_in_a_client_s_next_days()
    {
        await server.App.CreateStaffAsync("campaigner@test.gym", Roles.Marketer);
        var clients = server.App.Services.GetRequiredService<ClientService>();
        var nora = (await clients.CreateAsync(new ClientInput { FirstName = "Nora", Email = "nora@example.com" })).Value!.Id;
        await clients.CreateAsync(new ClientInput { FirstName = "Olga", Email = "olga@example.com" });
        await server.App.Services.GetRequiredService<EventDispatcher>().DrainAsync();

        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "campaigner@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync("/marketing/automation/segments/new");
        await BrowserPages.WaitForInteractiveAsync(page);
        await page.Locator("input[data-testid=segment-name]").FillAsync("New leads");
        await page.GetByTestId("add-condition").ClickAsync();
        await Expect(page.GetByTestId("segment-count")).ToHaveAttributeAsync("data-count", "2");
        await page.GetByTestId("save-segment").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/marketing/automation/segments/[0-9]+$"));

        await page.GotoAsync("/marketing/automation/campaigns/new");
        await BrowserPages.WaitForInteractiveAsync(page);
        await page.Locator("input[data-testid=campaign-name-field]").FillAsync("Open day");
        await page.GetByTestId("campaign-segment").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "New leads" }).ClickAsync();
        await Expect(page.GetByTestId("campaign-audience")).ToContainTextAsync("2 clients will receive it.");
        await page.Locator("input[data-testid=campaign-subject]").FillAsync("Open day on Saturday, {{ client.first_name }}");
        await page.GetByTestId("body-mode-html").ClickAsync();
        await page.Locator("textarea[data-testid=step-body]").FillAsync("<p>Come and try every class for free.</p>");
        await page.GetByTestId("campaign-send-later").ClickAsync();
        await Expect(page.Locator("input[data-testid=campaign-send-at]")).ToBeVisibleAsync();
        await BrowserPages.ScreenshotAsync(page, "campaign-form-en");

        await page.GetByTestId("campaign-send").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("2 clients will receive it.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Scheduled");

        await page.GotoAsync($"/clients/{nora}");
        await BrowserPages.WaitForInteractiveAsync(page);
        var email = page.GetByTestId("forecast-email").Filter(new() { HasText = "Open day" });
        await Expect(email.GetByTestId("forecast-subject")).ToHaveTextAsync("Open day on Saturday, Nora");
        await BrowserPages.ScreenshotAsync(page, "client-forecast-en");
    }
}
