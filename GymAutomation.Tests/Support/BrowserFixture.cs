using Microsoft.Playwright;

namespace GymAutomation.Tests.Support;

/// <summary>
/// One headless Debian Chromium for the browser tests of a collection. Playwright never downloads a
/// browser here: it drives /usr/bin/chromium, which test.sh installs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        // A reload with a new circuit takes a few seconds on a busy two-core machine; Playwright's default is 5.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A page in a fresh context (no cookies), in English, whose relative URLs go to <paramref name="baseUrl"/>,
    /// watched for what the Content-Security-Policy blocks (<see cref="CspViolations"/>).
    /// </summary>
    public Task<IPage> NewPageAsync(Uri baseUrl) => NewPageAsync(baseUrl, "en-US");

    /// <summary>The same, in a browser whose language is <paramref name="locale"/> (its Accept-Language and its <c>navigator.language</c>).</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, string locale)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1366, Height = 850 },
        });
        await CspViolations.WatchAsync(context);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
