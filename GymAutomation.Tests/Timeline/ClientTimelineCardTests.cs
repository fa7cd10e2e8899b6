using System.Text.RegularExpressions;
using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Timeline;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace GymAutomation.Tests.Timeline;

public sealed class ClientTimelineCardTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    private ComponentHost ui = null!;
    private TimelineData data = null!;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        data = await TimelineData.AddAsync(ui.Gym);
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public void Every_kind_shows_by_default_grouped_by_day_and_a_chip_takes_a_kind_away()
    {
        using var english = new CultureScope("en");
        var card = ui.Context.Render<ClientTimelineCard>(p => p.Add(c => c.ClientId, data.Ana));

        card.WaitForAssertion(() => Assert.Equal(TimelineData.Total, card.FindAll("[data-testid=timeline-entry]").Count), Live);
        Assert.Equal("Today", card.FindAll("[data-testid=timeline-day]")[0].TextContent.Trim());
        var titles = card.FindAll("[data-testid=timeline-title]").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal("Score +10: Visit", titles[0]);
        Assert.Contains("Checked in", titles);
        Assert.Contains("Attended Spinning", titles);
        Assert.Contains("Payment failed", titles);
        Assert.Contains("Alert opened: No attendance", titles);
        Assert.Contains("“Called, back on Monday” · by Marta", card.Markup, StringComparison.Ordinal);
        Assert.Equal(2, card.FindAll($"[data-testid=timeline-link][href='/marketing/automation/retention/?alert={data.AlertId}']").Count);
        Assert.NotEmpty(card.FindAll($"[data-testid=timeline-link][href='/marketing/automation/emails/?email={data.TiedSend}']"));

        card.Find("[data-testid=timeline-kind-Visit]").Click();

        card.WaitForAssertion(() => Assert.Equal(TimelineData.Total - TimelineData.Counts[Core.Timeline.TimelineKind.Visit], card.FindAll("[data-testid=timeline-entry]").Count), Live);
        Assert.DoesNotContain(card.FindAll("[data-testid=timeline-entry]"), e => e.GetAttribute("data-kind") == "Visit");
    }

    [Fact]
    public async Task Prerendered_it_shows_its_first_page_of_entries_and_not_the_live_only_filter()
    {
        using var english = new CultureScope("en");
        await using var prerender = new HtmlRenderer(ui.Context.Services, NullLoggerFactory.Instance);

        var markup = await prerender.Dispatcher.InvokeAsync(async () =>
        {
            var card = await prerender.RenderComponentAsync<ClientTimelineCard>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ClientTimelineCard.ClientId)] = data.Ana }));
            return card.ToHtmlString();
        });

        Assert.Contains(">Timeline<", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("timeline-loading", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("timeline-kinds", markup, StringComparison.Ordinal);
        Assert.Equal(Math.Min(TimelineData.Total, Core.Timeline.ClientTimeline.DefaultPageSize), Regex.Count(markup, "data-testid=\"timeline-entry\""));
        Assert.Contains("Attended Spinning", markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_more_reads_the_next_page_until_there_is_no_more()
    {
        using var english = new CultureScope("en");
        var card = ui.Context.Render<ClientTimelineCard>(p => p.Add(c => c.ClientId, data.Ana).Add(c => c.PageSize, 10));

        card.WaitForAssertion(() => Assert.Equal(10, card.FindAll("[data-testid=timeline-entry]").Count), Live);
        card.Find("[data-testid=timeline-more]").Click();

        card.WaitForAssertion(() => Assert.Equal(TimelineData.Total, card.FindAll("[data-testid=timeline-entry]").Count), Live);
        Assert.Empty(card.FindAll("[data-testid=timeline-more]"));
    }

    [Fact]
    public async Task A_client_with_no_history_gets_an_empty_state_in_both_languages()
    {
        await using (var db = ui.Gym.CreateDb())
        {
            db.Clients.Add(new Client { FirstName = "Nora", CreatedAt = ui.Gym.Clock.UtcNow, UpdatedAt = ui.Gym.Clock.UtcNow });
            await db.SaveChangesAsync();
        }

        var nora = ui.Gym.CreateDb().Clients.Single(c => c.FirstName == "Nora").Id;
        using (new CultureScope("en"))
        {
            var card = ui.Context.Render<ClientTimelineCard>(p => p.Add(c => c.ClientId, nora));
            card.WaitForAssertion(() => Assert.StartsWith("Nothing has happened for this client yet", card.Find("[data-testid=timeline-empty]").TextContent.Trim(), StringComparison.Ordinal), Live);
        }

        using (new CultureScope("es"))
        {
            var tarjeta = ui.Context.Render<ClientTimelineCard>(p => p.Add(c => c.ClientId, nora));
            tarjeta.WaitForAssertion(() => Assert.StartsWith("Todavía no ha pasado nada", tarjeta.Find("[data-testid=timeline-empty]").TextContent.Trim(), StringComparison.Ordinal), Live);
        }
    }

    [Fact]
    public async Task A_new_entry_for_this_client_appears_at_the_top_without_a_reload()
    {
        using var english = new CultureScope("en");
        var (card, now) = await RenderAnaWithANewRefundAsync();

        var feed = ui.Get<LiveFeed>();
        feed.Publish([new ClientActivity(now, data.Bea)]);
        feed.Publish([new ClientActivity(now, data.Ana)]);

        card.WaitForAssertion(() => Assert.Equal("Payment refunded", card.Find("[data-testid=timeline-title]").TextContent.Trim()), Live);
        Assert.Equal(11, card.FindAll("[data-testid=timeline-entry]").Count);
        card.Find("[data-testid=timeline-more]").Click();
        card.WaitForAssertion(() => Assert.Equal(TimelineData.Total + 1, card.FindAll("[data-testid=timeline-entry]").Count), Live);
    }

    [Fact]
    public async Task A_new_entry_published_from_the_servers_thread_arrives_in_the_users_language_and_formats()
    {
        using var spanish = new CultureScope("es");
        var (card, now) = await RenderAnaWithANewRefundAsync();
        var days = DayHeadings(card);

        await ServerCulture.RunAsync(() => ui.Get<LiveFeed>().Publish([new ClientActivity(now, data.Ana)]));

        card.WaitForAssertion(() => Assert.Equal(11, card.FindAll("[data-testid=timeline-entry]").Count), Live);
        Assert.Equal("Pago devuelto", card.Find("[data-testid=timeline-title]").TextContent.Trim());
        Assert.Equal("Hoy", days[0]);
        Assert.Equal(days, DayHeadings(card));
        Assert.All(card.FindAll("[data-testid=timeline-time]"), time => Assert.Matches(@"^\d{1,2}:\d{2}$", time.TextContent.Trim()));
    }

    [Fact]
    public async Task Workflow_emails_sent_to_this_client_reload_the_top_and_those_to_others_do_not()
    {
        using var english = new CultureScope("en");
        var (card, now) = await RenderAnaWithANewRefundAsync();

        var feed = ui.Get<LiveFeed>();
        feed.Publish([new EmailsSent(now, 1, [data.Bea])]);
        // Long enough for a delivery the card should not have asked for to arrive: the subscription hands the first change over at once.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(10, card.FindAll("[data-testid=timeline-entry]").Count);

        feed.Publish([new EmailsSent(now, 2, [data.Bea, data.Ana])]);
        card.WaitForAssertion(() => Assert.Equal(11, card.FindAll("[data-testid=timeline-entry]").Count), Live);
    }

    private static List<string> DayHeadings(IRenderedComponent<ClientTimelineCard> card) =>
        [.. card.FindAll("[data-testid=timeline-day]").Select(d => d.TextContent.Trim())];

    /// <summary>Ana's card, its first 10 entries shown, and a refund for her written after it read them.</summary>
    private async Task<(IRenderedComponent<ClientTimelineCard> Card, DateTime Now)> RenderAnaWithANewRefundAsync()
    {
        var card = ui.Context.Render<ClientTimelineCard>(p => p.Add(c => c.ClientId, data.Ana).Add(c => c.PageSize, 10));
        card.WaitForAssertion(() => Assert.Equal(10, card.FindAll("[data-testid=timeline-entry]").Count), Live);
        var now = ui.Gym.Clock.UtcNow;
        await using var db = ui.Gym.CreateDb();
        db.Payments.Add(new Payment { ClientId = data.Ana, Amount = 20m, Status = PaymentStatus.Refunded, CreatedAt = now });
        await db.SaveChangesAsync();
        return (card, now);
    }
}
