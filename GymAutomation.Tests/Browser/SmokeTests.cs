using GymAutomation.Tests.Support;
using GymAutomation.Web.Components.Layout;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    [Fact]
    public async Task The_admin_signs_in_sees_the_whole_navigation_and_switches_to_spanish()
    {
        var page = await browser.NewPageAsync(server.BaseUrl);

        await BrowserPages.SignInAsync(page, GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Administrator");
        var links = page.Locator("nav.mud-navmenu a.mud-nav-link");
        await Expect(links).ToHaveTextAsync(NavigationItems.All.Select(i => UiText.App(i.TextKey)).ToArray());

        await page.GetByTestId("language-menu").Locator("button").ClickAsync();
        await page.GetByTestId("lang-es").ClickAsync();

        await Expect(links).ToHaveTextAsync(NavigationItems.All.Select(i => UiText.App(i.TextKey, "es")).ToArray());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await BrowserPages.WaitForInteractiveAsync(page);
        await BrowserPages.ScreenshotAsync(page, "admin-in-spanish");
    }
}
