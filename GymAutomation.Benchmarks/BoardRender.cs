using System.Diagnostics;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using Microsoft.Playwright;

namespace GymAutomation.Benchmarks;

/// <summary>Time to the retention board's first screen: its reads on the server, and in a real browser (Debian's Chromium).</summary>
public static class BoardRender
{
    public const int Runs = 5;

    /// <summary>The counts and the four columns' first cards, as the board reads them: the median of <see cref="Runs"/> reads.</summary>
    public static async Task<TimeSpan> ReadsAsync(AlertBoard board)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await board.CountsAsync(new AlertFilter(), null);
            foreach (var status in Enum.GetValues<AlertStatus>())
            {
                await board.ColumnAsync(new AlertFilter(), null, status, 50);
            }

            times.Add(watch.Elapsed);
        }

        return Median(times);
    }

    /// <summary>
    /// From asking for the page to the open column's 50 cards on screen and the page interactive, signed in as the
    /// demo admin: the median of <see cref="Runs"/> loads, after one load that warms the server.
    /// </summary>
    public static async Task<TimeSpan> BrowserAsync(Uri baseUrl)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(DemoStaff.AdminEmail);
        await page.Locator("#password").FillAsync(DemoStaff.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        var times = new List<TimeSpan>();
        for (var i = 0; i <= Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await page.GotoAsync("/marketing/automation/retention/");
            await page.Locator("[data-testid=column-OPEN] [data-testid=alert-card]").Nth(49).WaitForAsync();
            await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            if (i > 0)
            {
                times.Add(watch.Elapsed);
            }
        }

        return Median(times);
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
