using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Integrations;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Integrations.Api;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Cluster;

/// <summary>
/// A person's browser through nginx, on whichever instance the affinity cookie gives it, while the other instance
/// takes what the gym's other systems post: the check-in and the event show on the open screen at once, in the
/// browser's language; and when the browser's instance is killed, the page comes back on the other one by itself.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterBrowserTests(LocalCluster cluster, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Board = "/marketing/automation/retention/";
    private const string Leaderboard = "/marketing/automation/scoring/";

    /// <summary>The promise: a change made on any instance is on every instance's screens within a second.</summary>
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(1);

    /// <summary>For a change a person makes in the page: the promise's second, and room for a busy machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions FewSeconds = new() { Timeout = 5_000 };

    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es");

    [Fact]
    public async Task A_check_in_posted_to_one_instance_resolves_the_alert_on_a_spanish_board_open_on_the_other_within_a_second()
    {
        var (earlierClientId, earlierAlertId) = await AbsentMemberWithAnAlertAsync("Ramón");
        var (clientId, alertId) = await AbsentMemberWithAnAlertAsync("Irene");
        var (page, instance) = await OpenAsync(Board, "es-ES");
        await Expect(Card(page, "OPEN", alertId)).ToBeVisibleAsync();
        await page.EvaluateAsync("window.stillTheSamePage = true");
        // The promise is for instances at work: the first live change after an instance starts also waits for the JIT.
        await PostAndTimeAsync(Other(instance), new { type = ClientEventTypes.VisitRegistered, clientId = earlierClientId },
            () => Expect(Card(page, "RESOLVED", earlierAlertId)).ToBeVisibleAsync(new() { Timeout = 10_000 }));

        var shown = await PostAndTimeAsync(Other(instance), new { type = ClientEventTypes.VisitRegistered, clientId },
            () => Expect(Card(page, "RESOLVED", alertId)).ToBeVisibleAsync(new() { Timeout = 10_000 }));

        Assert.True(shown <= Live, $"The resolved alert showed on instance {instance}'s board {shown.TotalMilliseconds:0} ms after instance {Other(instance)} took the check-in.");
        await Expect(Card(page, "RESOLVED", alertId).GetByTestId("alert-ending")).ToContainTextAsync(RetentionText.OutcomeName(AlertOutcome.Returned, Spanish));
        Assert.True(await page.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        Assert.Empty(await BrowserPages.LanguageProblemsAsync(page, "es"));
        await BrowserPages.ScreenshotAsync(page, "cluster-board-es-after-a-check-in-on-the-other-instance");
    }

    [Fact]
    public async Task An_event_posted_to_one_instance_moves_the_lead_on_a_leaderboard_open_on_the_other_within_a_second()
    {
        var (page, instance) = await OpenAsync(Leaderboard, "en-US");
        using var other = await ApiAsync(Other(instance));
        // The web form scores 20 itself: Ana 20 + 25 for a purchase, Mateo 20 + 20 for a second form, then 10 for the visit.
        await LeadAsync(other, "Ana", ClientEventTypes.PurchaseMade, new { total = 40 });
        var mateo = await LeadAsync(other, "Mateo", ClientEventTypes.FormSubmitted, null);
        var names = page.GetByTestId("lead-name");
        await Expect(names.Nth(0)).ToHaveTextAsync("Ana Cluster");
        await Expect(names.Nth(1)).ToHaveTextAsync("Mateo Cluster");

        var shown = await PostAndTimeAsync(Other(instance), new { type = ClientEventTypes.VisitRegistered, clientId = mateo },
            () => Expect(names.Nth(0)).ToHaveTextAsync("Mateo Cluster", new() { Timeout = 10_000 }));

        Assert.True(shown <= Live, $"The lead moved on instance {instance}'s leaderboard {shown.TotalMilliseconds:0} ms after instance {Other(instance)} took the event.");
        await Expect(page.GetByTestId("score").Nth(0)).ToHaveTextAsync("50");
        await Expect(page.GetByTestId("leaderboard-row").Filter(new() { HasText = "Mateo Cluster" }).GetByTestId("rank-move")).ToHaveTextAsync("▲1");
        await BrowserPages.ScreenshotAsync(page, "cluster-leaderboard-after-an-event-on-the-other-instance");
    }

    [Fact]
    public async Task When_the_browsers_instance_is_killed_the_page_comes_back_on_the_other_one_signed_in_and_live()
    {
        var (_, first) = await AbsentMemberWithAnAlertAsync("Sara");
        var (page, instance) = await OpenAsync(Board, "es-ES");
        await Expect(Card(page, "OPEN", first)).ToBeVisibleAsync();
        await page.EvaluateAsync("window.stillTheSamePage = true");
        var answeredBy = new List<string>();
        page.Response += (_, response) => answeredBy.Add(response.Headers.GetValueOrDefault("x-gym-instance", "-"));

        var killedAt = Stopwatch.StartNew();
        LocalCluster.Kill(cluster.InstancePid(instance));
        try
        {
            // Blazor's reconnect reaches the other instance, which has no such circuit: the page reloads there by itself.
            await page.WaitForFunctionAsync("() => window.stillTheSamePage !== true", null, new() { Timeout = 60_000 });
            await BrowserPages.WaitForInteractiveAsync(page);
            output.WriteLine($"back on instance {Other(instance)} {killedAt.ElapsedMilliseconds} ms after the kill");
            await Expect(Card(page, "OPEN", first)).ToBeVisibleAsync();
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            Assert.Contains($"127.0.0.1:{cluster.InstanceUrl(Other(instance)).Port}", answeredBy);

            var (second, secondAlert) = await AbsentMemberWithAnAlertAsync("Tomás");
            await page.ReloadAsync();
            await BrowserPages.WaitForInteractiveAsync(page);
            await PostAndTimeAsync(Other(instance), new { type = ClientEventTypes.VisitRegistered, clientId = second },
                () => Expect(Card(page, "RESOLVED", secondAlert)).ToBeVisibleAsync(new() { Timeout = 10_000 }));
            Assert.Empty(await BrowserPages.LanguageProblemsAsync(page, "es"));
            await BrowserPages.ScreenshotAsync(page, "cluster-board-es-back-on-the-other-instance");
        }
        finally
        {
            await cluster.RestoreAsync();
        }
    }

    [Fact]
    public async Task Two_colleagues_on_different_instances_work_one_board_and_each_sees_the_others_change_without_a_reload()
    {
        await cluster.CreateStaffAsync("lucia@cluster.test", "Lucía");
        var (_, nora) = await AbsentMemberWithAnAlertAsync("Nora");
        var (_, pablo) = await AbsentMemberWithAnAlertAsync("Pablo");
        var (manager, instance) = await OpenAsync(Board, "es-ES");
        var (lucia, hers) = await OpenAsync(Board, "es-ES", on: Other(instance), "lucia@cluster.test", LocalCluster.StaffPassword);
        Assert.Equal(Other(instance), hers);
        await manager.EvaluateAsync("window.stillTheSamePage = true");
        await lucia.EvaluateAsync("window.stillTheSamePage = true");

        await Card(lucia, "OPEN", nora).GetByTestId("alert-menu").Locator("button").ClickAsync();
        await lucia.GetByTestId("action-resolve").ClickAsync();
        await lucia.GetByTestId("resolve-dialog").GetByText(RetentionText.OutcomeName(AlertOutcome.Contacted, Spanish), new() { Exact = true }).ClickAsync();
        await lucia.GetByTestId("dialog-save").ClickAsync();
        await Expect(Card(lucia, "RESOLVED", nora)).ToBeVisibleAsync();

        await Expect(Card(manager, "RESOLVED", nora)).ToBeVisibleAsync(FewSeconds);
        await Expect(Card(manager, "RESOLVED", nora).GetByTestId("alert-ending")).ToHaveTextAsync(RetentionText.OutcomeName(AlertOutcome.Contacted, Spanish));

        await Card(manager, "OPEN", pablo).GetByTestId("alert-menu").Locator("button").ClickAsync();
        await manager.GetByTestId("action-start").ClickAsync();
        await Expect(Card(lucia, "IN_PROGRESS", pablo)).ToBeVisibleAsync(FewSeconds);
        await Expect(Card(lucia, "IN_PROGRESS", pablo).GetByTestId("alert-assignee")).ToHaveTextAsync("Administrator");

        Assert.True(await manager.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        Assert.True(await lucia.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        Assert.Empty(await BrowserPages.LanguageProblemsAsync(manager, "es"));
        Assert.Empty(await BrowserPages.LanguageProblemsAsync(lucia, "es"));
        await BrowserPages.ScreenshotAsync(lucia, "cluster-board-es-a-colleague-on-the-other-instance-took-an-alert");
    }

    /// <summary>
    /// A fresh browser, signed in through nginx, on <paramref name="path"/>; and the instance nginx keeps it on: the one
    /// its affinity cookie leads to, set beforehand when <paramref name="on"/> is given.
    /// </summary>
    private async Task<(IPage Page, int Instance)> OpenAsync(
        string path, string locale, int? on = null, string email = LocalCluster.AdminEmail, string password = LocalCluster.AdminPassword)
    {
        var page = await browser.NewPageAsync(cluster.Url, locale);
        if (on is { } instanceWanted)
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "gym_affinity", Value = await cluster.AffinityForAsync(instanceWanted), Url = cluster.Url.ToString() }]);
        }

        var console = new ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue($"{message.Type}: {message.Text}");
        IResponse? response;
        try
        {
            await BrowserPages.SignInAsync(page, email, password);
            response = await page.GotoAsync(path);
            await BrowserPages.WaitForInteractiveAsync(page);
        }
        catch (PlaywrightException ex)
        {
            // The cluster's logs go with its folder when it stops: a page that never became interactive carries them.
            throw new PlaywrightException($"{ex.Message}\nThe page's console:\n{string.Join('\n', console)}\n{cluster.Logs()}", ex);
        }

        var instance = cluster.InstanceAt(await response!.HeaderValueAsync("x-gym-instance") ?? "");
        output.WriteLine($"{path} is open on instance {instance}");
        return (page, instance);
    }

    private static int Other(int instance) => 3 - instance;

    /// <summary>Posts <paramref name="incoming"/> to one instance directly and returns how long after its answer the page showed it.</summary>
    private async Task<TimeSpan> PostAndTimeAsync(int instance, object incoming, Func<Task> shownOnThePage)
    {
        using var api = await ApiAsync(instance);
        using var posted = await api.PostAsJsonAsync("/api/events", incoming);
        Assert.True(posted.IsSuccessStatusCode, $"{posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        var since = Stopwatch.StartNew();
        await shownOnThePage();
        output.WriteLine($"shown {since.ElapsedMilliseconds} ms after instance {instance} answered");
        return since.Elapsed;
    }

    private async Task<HttpClient> ApiAsync(int instance)
    {
        var api = new HttpClient { BaseAddress = cluster.InstanceUrl(instance), Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, await cluster.ApiKeyAsync());
        return api;
    }

    /// <summary>A lead named <paramref name="firstName"/> Cluster, sent by the gym's web form, with one event scored.</summary>
    private static async Task<int> LeadAsync(HttpClient api, string firstName, string eventType, object? data)
    {
        using var lead = await api.PostAsJsonAsync("/api/leads", new { firstName, lastName = "Cluster", email = $"{firstName.ToLowerInvariant()}@leads.test" });
        Assert.True(lead.IsSuccessStatusCode, $"{lead.StatusCode}: {await lead.Content.ReadAsStringAsync()}");
        var clientId = (await lead.Content.ReadFromJsonAsync<LeadReceipt>())!.ClientId;
        using var scored = await api.PostAsJsonAsync("/api/events", new { type = eventType, clientId, data });
        Assert.True(scored.IsSuccessStatusCode, $"{scored.StatusCode}: {await scored.Content.ReadAsStringAsync()}");
        return clientId;
    }

    private async Task<(int ClientId, int AlertId)> AbsentMemberWithAnAlertAsync(string firstName)
    {
        await using var db = cluster.CreateDb();
        var alert = AbsentMembers.Add(db, firstName, DateTime.UtcNow, risk: 80);
        await db.SaveChangesAsync();
        return (alert.ClientId, alert.Id);
    }

    private static ILocator Card(IPage page, string column, int alertId) =>
        page.GetByTestId($"column-{column}").Locator($"[data-alert-id='{alertId}']");
}
