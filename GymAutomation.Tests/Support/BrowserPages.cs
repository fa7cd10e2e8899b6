using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Support;

/// <summary>What browser tests do on every page: sign in, wait for the live circuit, keep a screenshot.</summary>
public static class BrowserPages
{
    // Everything a reader reads: text as written (not as CSS capitalises it), the title, what fields and selects hold, and the words of icons and fields.
    private const string ReadScreen = """
        () => {
            const raised = [...document.body.querySelectorAll('*')].filter(e => getComputedStyle(e).textTransform !== 'none');
            raised.forEach(e => e.style.textTransform = 'none');
            const parts = [document.title, document.body.innerText];
            raised.forEach(e => e.style.textTransform = '');
            for (const e of document.querySelectorAll('input:not([type=hidden]):not([type=password])')) parts.push(e.value);
            for (const e of document.querySelectorAll('[aria-label],[placeholder],[title],[alt]')) {
                for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
                    const value = e.getAttribute(name);
                    if (value) parts.push(value);
                }
            }
            return parts.join('\n');
        }
        """;

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

    /// <summary>
    /// What a reader of <paramref name="language"/> ("en" or "es") would find wrong on the screen: English on a Spanish
    /// screen (<see cref="EnglishLeaks"/>) and dates, times and numbers in another language's format (<see cref="ForeignFormats"/>).
    /// </summary>
    public static async Task<IReadOnlyList<string>> LanguageProblemsAsync(IPage page, string language)
    {
        var text = await page.EvaluateAsync<string>(ReadScreen);
        var english = language == "es" ? EnglishLeaks.OfTheApp.Find(text).Select(l => $"English {l}") : [];
        return [.. english.Concat(ForeignFormats.Find(text, spanishReader: language == "es"))];
    }
}
