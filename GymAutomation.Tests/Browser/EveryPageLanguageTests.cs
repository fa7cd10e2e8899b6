using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>
/// Every page of the demo gym, opened by its visitor the way a reader really gets a language (the browser's
/// language and the app's own switch), read whole — the text shown, the title, what fields and selects hold, the labels of icons and fields —
/// on the first load, with its main dialog open and after a live change published from a server thread in en-US. In
/// Spanish no English text of the app's resources (<see cref="EnglishLeaks"/>) may show, in either language no
/// format a Madrid gym does not use (<see cref="ForeignFormats"/>). The README's screenshots are taken on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageLanguageTests(BrowserFixture browser, DemoGymServer server) : IClassFixture<DemoGymServer>
{
    /// <summary>The pages the README shows, in both languages (docs/screenshots/NAME-LANGUAGE.png).</summary>
    private static readonly string[] ReadmePages = ["dashboard", "retention-board", "workflow-editor", "scoring-leaderboard"];

    // Loaded: no spinner, skeleton or "Loading…" left.
    private const string Settled = """
        loading => !document.querySelector('.mud-progress-indeterminate, .mud-skeleton, .mud-progress-circular')
            && !document.body.innerText.includes(loading)
        """;

    [Fact]
    public Task Every_page_speaks_spanish_on_the_first_load_in_its_dialog_and_after_a_live_update() => SweepAsync("es", "es-ES");

    [Fact]
    public Task Every_page_in_english_shows_the_madrid_gyms_dates_times_and_numbers() => SweepAsync("en", "en-GB");

    private async Task SweepAsync(string language, string browserLocale)
    {
        var rows = await DemoRows.ReadAsync(server.App);
        var problems = new List<string>();
        foreach (var visitorPages in EveryPage.All.GroupBy(p => p.Visitor))
        {
            var page = await browser.NewPageAsync(server.BaseUrl, browserLocale);
            if (EveryPage.SignInOf(visitorPages.Key) is { } signIn)
            {
                await BrowserPages.SignInAsync(page, signIn.Email, signIn.Password);
            }

            foreach (var appPage in visitorPages)
            {
                await OpenAsync(page, appPage.Path(rows), language, signedIn: appPage.Visitor != PageVisitor.Anonymous);
                problems.AddRange(await CheckAsync(page, appPage, "first load", language));
                if (ReadmePages.Contains(appPage.Name))
                {
                    if (appPage.Name == "workflow-editor")
                    {
                        // The README shows the welcome's flow: its steps collapsed to one line, its branches side by side.
                        await page.GetByTestId("steps-collapse-all").ClickAsync();
                        await Expect(page.GetByTestId("step-collapsed-subject").First).ToBeVisibleAsync();
                    }

                    await BrowserPages.ReadmeScreenshotAsync(page, $"{appPage.Name}-{language}");
                }

                if (MainDialog(appPage.Name) is { } opener)
                {
                    await opener(page).ClickAsync();
                    await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
                    await SettleAsync(page, language);
                    problems.AddRange(await CheckAsync(page, appPage, "its dialog", language));
                }

                if (LiveChange(appPage.Name) is { } live)
                {
                    await CauseAsync(page, live);
                    problems.AddRange(await CheckAsync(page, appPage, "after a live update", language));
                }
            }

            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems in {language}:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// Opens <paramref name="path"/> through the app's language switch, and waits until it is loaded and, for a signed-in
    /// reader on an interactive page, until its circuit is up (a visitor's pages are plain HTML).
    /// </summary>
    private static async Task OpenAsync(IPage page, string path, string language, bool signedIn)
    {
        await page.GotoAsync($"/culture/set?culture={language}&returnUrl={Uri.EscapeDataString(path)}");
        if (signedIn && await page.Locator("#app-state").CountAsync() > 0)
        {
            await BrowserPages.WaitForInteractiveAsync(page);
        }

        await SettleAsync(page, language);
    }

    private static async Task SettleAsync(IPage page, string language) =>
        await page.WaitForFunctionAsync(Settled, UiText.App("Loading", language));

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, AppPage appPage, string moment, string language)
    {
        var problems = await BrowserPages.LanguageProblemsAsync(page, language);
        return problems.Select(p => $"{appPage.Name} ({moment}): {p}");
    }

    /// <summary>Causes <paramref name="live"/>'s change from a server thread in en-US and waits until the page shows it.</summary>
    private async Task CauseAsync(IPage page, Live live)
    {
        var watched = live.Watched(page);
        var before = await watched.InnerTextAsync();
        await ServerCulture.RunAsync(async () =>
        {
            await using var scope = server.App.Services.CreateAsyncScope();
            await live.Cause(page, scope.ServiceProvider);
        });
        await Expect(watched).Not.ToHaveTextAsync(before);
    }

    /// <summary>A change a colleague or a job makes while the page is open, and the part of the page that shows it.</summary>
    private sealed record Live(Func<IPage, ILocator> Watched, Func<IPage, IServiceProvider, Task> Cause);

    private static Live? LiveChange(string page) => page switch
    {
        "dashboard" => new(p => p.GetByTestId("kpi-open-alerts").GetByTestId("kpi-value"), (_, s) => ResolveAsync(s, alertId: null)),
        "retention-board" => new(p => p.GetByTestId("alert-board"), async (p, s) =>
            await ResolveAsync(s, int.Parse((await p.GetByTestId("alert-card").First.GetAttributeAsync("data-alert-id"))!, CultureInfo.InvariantCulture))),
        "client" => new(p => p.GetByTestId("client-timeline"), async (p, s) => await CheckInAsync(s, ClientIdOf(p.Url))),
        "scoring-leaderboard" => new(p => p.GetByTestId("score-feed"), async (p, s) =>
            await CheckInAsync(s, ClientIdOf((await p.GetByTestId("lead-name").First.GetAttributeAsync("href"))!))),
        "jobs" => new(p => p.GetByTestId($"job-{CheckRetentionAlertsJob.JobName}"), (_, s) =>
            s.GetRequiredService<JobsOverview>().RunNowAsync(CheckRetentionAlertsJob.JobName)),
        _ => null,
    };

    /// <summary>The page's main dialog, where it has one: what opens it.</summary>
    private static Func<IPage, ILocator>? MainDialog(string page) => page switch
    {
        "retention-board" => p => p.GetByTestId("alert-notes").First,
        "scoring-leaderboard" => p => p.GetByTestId("recalculate"),
        _ => null,
    };

    private static async Task ResolveAsync(IServiceProvider services, int? alertId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContextAsync();
        var alert = await db.RetentionAlerts.Where(a => alertId == null ? a.Status == AlertStatus.Open : a.Id == alertId).OrderBy(a => a.Id).FirstAsync();
        var result = await services.GetRequiredService<RetentionAlerts>()
            .ResolveAsync(alert.Id, alert.Version, AlertOutcome.Contacted, null, new StaffActor("colleague", "Colleague"));
        Assert.True(result.Succeeded);
    }

    private static async Task CheckInAsync(IServiceProvider services, int clientId) =>
        Assert.True((await services.GetRequiredService<FrontDesk>().RegisterVisitAsync(clientId)).Succeeded);

    private static int ClientIdOf(string url) => int.Parse(url.TrimEnd('/').Split('/')[^1], CultureInfo.InvariantCulture);
}
