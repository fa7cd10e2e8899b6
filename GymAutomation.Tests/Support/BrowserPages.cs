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
    /// </summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Expect(page.Locator("#app-state[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

    /// <summary>Saves the whole page to TestResults/screenshots/NAME.png and returns the file's path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestPaths.Results, "screenshots", $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
