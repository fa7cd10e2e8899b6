using System.Diagnostics;
using GymAutomation.Core.Staff;
using Microsoft.Playwright;

namespace GymAutomation.Benchmarks;

/// <summary>A page to time: where it is and what on it says its data is on screen.</summary>
public sealed record TimedPage(string Name, string Path, string ReadySelector);

/// <summary>
/// Medians of a page's loads: <see cref="Total"/> to its data on screen and the page interactive, and on the way the
/// browser's own marks: the first byte of the server's prerendered response, its last byte, and the load event (the
/// scripts that start the live circuit fetched and run).
/// </summary>
public sealed record PageTimes(TimeSpan Total, TimeSpan FirstByte, TimeSpan LastByte, TimeSpan Loaded);

/// <summary>
/// Time to a page's first screen in a real browser (Debian's Chromium), signed in as the demo admin: from asking for
/// the page to its data on screen (<see cref="TimedPage.ReadySelector"/>) and the page interactive — the median of
/// <see cref="Runs"/> loads, after one load that warms the server.
/// </summary>
public static class PageRender
{
    public const int Runs = 5;

    public static async Task<Dictionary<string, PageTimes>> BrowserAsync(Uri baseUrl, IReadOnlyList<TimedPage> pages)
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

        var medians = new Dictionary<string, PageTimes>();
        foreach (var timed in pages)
        {
            var times = new List<TimeSpan>();
            var marks = new List<double[]>();
            for (var i = 0; i <= Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await page.GotoAsync(timed.Path);
                await page.Locator(timed.ReadySelector).First.WaitForAsync();
                await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                if (i > 0)
                {
                    times.Add(watch.Elapsed);
                    marks.Add(await page.EvaluateAsync<double[]>(
                        "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart, n.responseEnd, n.loadEventEnd]; }"));
                }
            }

            TimeSpan Mark(int index) => Median(marks.Select(m => TimeSpan.FromMilliseconds(m[index])).ToList());
            medians[timed.Name] = new PageTimes(Median(times), Mark(0), Mark(1), Mark(2));
        }

        return medians;
    }

    public static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
