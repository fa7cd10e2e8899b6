using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>Two staff members at once: one closes a case as saved on the board, the other's saves leaderboard follows, live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SavesBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    /// <summary>Live changes reach the other screen in well under a second; this leaves room for a busy machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions FewSeconds = new() { Timeout = 5_000 };

    [Fact]
    public async Task One_closes_a_case_as_renewed_and_the_others_leaderboard_shows_who_saved_whom_and_the_revenue_kept()
    {
        await server.App.CreateStaffAsync("ana@test.gym", Roles.Staff);
        await server.App.CreateStaffAsync("ben@test.gym", Roles.Staff);
        var iris = await AlertAsync("Iris", price: 40m);

        var ben = await OpenAsync("ben@test.gym", "/marketing/automation/retention/saves");
        await Expect(ben.GetByTestId("saves-empty")).ToBeVisibleAsync();
        await ben.EvaluateAsync("window.stillTheSamePage = true");
        var ana = await OpenAsync("ana@test.gym", "/marketing/automation/retention/");

        await ana.GetByTestId("column-OPEN").Locator($"[data-alert-id='{iris}']").GetByTestId("alert-menu").Locator("button").ClickAsync();
        await ana.GetByTestId("action-resolve").ClickAsync();
        await ana.GetByTestId("resolve-dialog").GetByText("Renewed", new() { Exact = true }).ClickAsync();
        await ana.GetByTestId("dialog-save").ClickAsync();
        await Expect(ana.Locator("#mud-snackbar-container")).ToContainTextAsync("Iris Test's alert resolved.");

        var row = ben.GetByTestId("save-row");
        await Expect(row).ToBeVisibleAsync(FewSeconds);
        await Expect(row).ToContainTextAsync("Iris Test");
        await Expect(row).ToContainTextAsync("Renewed");
        // The gym's formats (Gym:Language, Spanish here) write the money whatever the reader's language.
        await Expect(row.GetByTestId("save-kept")).ToHaveTextAsync("120,00 €");
        await Expect(ben.GetByTestId("saves-today").GetByTestId("total-saves")).ToHaveTextAsync("1");
        Assert.True(await ben.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        await BrowserPages.ScreenshotAsync(ben, "saves-leaderboard-after-a-colleague-saved");
    }

    private async Task<IPage> OpenAsync(string email, string path)
    {
        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, email, GymAppFactory.StaffPassword);
        await page.GotoAsync(path);
        await BrowserPages.WaitForInteractiveAsync(page);
        return page;
    }

    private async Task<int> AlertAsync(string firstName, decimal price)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GymDbContext>();
        var alert = AbsentMembers.Add(db, firstName, server.App.Services.GetRequiredService<GymClock>().UtcNow, 80);
        alert.Client!.Memberships.Single().Price = price;
        await db.SaveChangesAsync();
        return alert.Id;
    }
}
