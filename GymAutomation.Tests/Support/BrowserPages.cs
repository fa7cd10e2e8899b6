using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Support;

/// <summary>What browser tests do on every page: sign in, wait for the live circuit, keep a screenshot.</summary>
public static class BrowserPages
{
    /// <summary>Signs in through the login form and returns once the landing page is interactive.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
        await WaitForInteractiveAsync(page);
    }

    /// <summary>
    /// Waits until the page's circuit is up (MainLayout's <c>#app-state</c> marker): a click before that is lost.
    /// Nothing may have been blocked by the Content-Security-Policy on the way.
    /// </summary>
    public static async Task WaitForInteractiveAsync(IPage page)
    {
        await Expect(page.Locator("#app-state[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        CspViolations.AssertNone(page);
    }

    /// <summary>
    /// Saves the whole page to TestResults/screenshots/NAME.png and returns the file's path, once it is clear that the
    /// Content-Security-Policy blocked nothing.
    /// </summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        CspViolations.AssertNone(page);
        var path = Path.Combine(TestPaths.Results, "screenshots", $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>
    /// Saves what the window shows (1366×850, the browser tests' viewport) to docs/screenshots/NAME.png, the README's
    /// pictures, with every animation run to its end so no chart is caught half drawn.
    /// </summary>
    public static async Task ReadmeScreenshotAsync(IPage page, string name)
    {
        CspViolations.AssertNone(page);
        var path = Path.Combine(TestPaths.RepositoryRoot, "docs", "screenshots", $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
    }
}
