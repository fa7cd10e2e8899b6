using Microsoft.Playwright;

namespace GymAutomation.Tests.Support;

/// <summary>
/// One headless Debian Chromium for the browser tests of a collection. Playwright never downloads a
/// browser here: it drives /usr/bin/chromium, which test.sh installs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The server each open context was made for.</summary>
    private readonly Dictionary<IBrowserContext, Uri> servers = [];

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
        await CloseContextsOfOtherServersAsync(baseUrl);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1366, Height = 850 },
        });
        servers[context] = baseUrl;
        await CspViolations.WatchAsync(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// The collection's test classes run one after the other, each with a server of its own: the pages of a class
    /// that has finished would go on trying to reconnect to its stopped server, spending the CPU of the tests after it.
    /// </summary>
    private async Task CloseContextsOfOtherServersAsync(Uri baseUrl)
    {
        foreach (var context in servers.Where(c => c.Value != baseUrl).Select(c => c.Key).ToList())
        {
            servers.Remove(context);
            await context.CloseAsync();
        }
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
