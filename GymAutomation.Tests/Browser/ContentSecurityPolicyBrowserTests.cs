using GymAutomation.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>
/// The app works under its Content-Security-Policy: the sign-in page and its language links, the live pages with
/// MudBlazor's popovers, and the API reference. Every other browser test checks the same on the pages it visits.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    private static readonly string[] Screens =
    [
        "/", "/clients", "/marketing/automation/scoring/", "/marketing/automation/retention/",
        "/marketing/automation/workflows/", "/admin/jobs", "/admin/staff",
    ];

    [Fact]
    public async Task The_watch_reports_what_a_policy_blocks()
    {
        var page = await browser.NewPageAsync(server.BaseUrl);
        await page.RouteAsync("**/csp-probe", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = "script-src 'none'" },
            Body = "<!DOCTYPE html><html><body><script>document.title = 'ran';</script></body></html>",
        }));

        await page.GotoAsync("/csp-probe");

        await Expect(page).Not.ToHaveTitleAsync("ran");
        for (var attempt = 0; attempt < 50 && CspViolations.Of(page).Count == 0; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(CspViolations.Of(page), v => v.Contains("script-src", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_screen_works_under_the_policy_from_the_sign_in_page_to_the_api_reference()
    {
        var page = await browser.NewPageAsync(server.BaseUrl);

        var login = await page.GotoAsync("/account/login");
        Assert.Contains("script-src", await login!.HeaderValueAsync("content-security-policy") ?? "");
        await page.Locator(".ga-lang a", new() { HasText = "Español" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await BrowserPages.SignInAsync(page, GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        foreach (var screen in Screens)
        {
            var response = await page.GotoAsync(screen);
            Assert.Contains("script-src", await response!.HeaderValueAsync("content-security-policy") ?? "");
            await BrowserPages.WaitForInteractiveAsync(page);
        }

        await page.GetByTestId("language-menu").Locator("button").ClickAsync();
        await page.GetByTestId("lang-en").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await BrowserPages.WaitForInteractiveAsync(page);

        var docs = await page.GotoAsync("/api/docs/");
        Assert.Contains("frame-ancestors 'none'", await docs!.HeaderValueAsync("content-security-policy") ?? "");
        await Expect(page.GetByText("GymAutomation API").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await BrowserPages.ScreenshotAsync(page, "api-docs-under-csp");
    }
}
