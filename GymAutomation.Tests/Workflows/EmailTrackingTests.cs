using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

public sealed class EmailTrackingTests : IAsyncLifetime
{
    private TestGym gym = default!;
    private TrackedSend ana = default!;

    private EmailTracking Tracking => gym.Get<EmailTracking>();

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        ana = await TrackedSend.AddAsync(db, gym.Clock.UtcNow, "ana@example.com");
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task The_first_open_records_EMAIL_OPENED_with_the_send_and_later_opens_change_nothing()
    {
        var token = Tracking.OpenToken(ana.SendId);
        var openedAt = gym.Clock.UtcNow;

        await Tracking.RecordOpenAsync(token);
        gym.Time.Advance(TimeSpan.FromHours(1));
        await Tracking.RecordOpenAsync(token);
        await Tracking.RecordOpenAsync(token);

        await using var db = gym.CreateDb();
        Assert.Equal(openedAt, (await db.EmailSends.SingleAsync()).OpenedAt);
        var opened = Assert.Single(await db.ClientEvents.Where(e => e.Type == ClientEventTypes.EmailOpened).ToListAsync());
        Assert.Equal((ana.ClientId, EventSources.Email, openedAt), (opened.ClientId, opened.Source, opened.OccurredAt));
        using var data = JsonDocument.Parse(opened.Data!);
        Assert.Equal(ana.SendId, data.RootElement.GetProperty("sendId").GetInt64());
        Assert.Equal(ana.WorkflowId, data.RootElement.GetProperty("workflowId").GetInt32());
    }

    [Fact]
    public async Task A_click_goes_to_the_url_in_its_token_and_its_first_time_records_the_click_and_the_open()
    {
        var token = Tracking.ClickToken(ana.SendId, "https://gym.example.com/offer?code=20");

        Assert.Equal("https://gym.example.com/offer?code=20", await Tracking.RecordClickAsync(token));
        Assert.Equal("https://gym.example.com/offer?code=20", await Tracking.RecordClickAsync(token));
        await Tracking.RecordOpenAsync(Tracking.OpenToken(ana.SendId));

        await using var db = gym.CreateDb();
        var send = await db.EmailSends.SingleAsync();
        Assert.Equal((gym.Clock.UtcNow, gym.Clock.UtcNow), (send.OpenedAt, send.ClickedAt));
        Assert.Equal(
            [ClientEventTypes.EmailOpened, ClientEventTypes.EmailClicked],
            await db.ClientEvents.Where(e => e.ClientId == ana.ClientId).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("ftp://gym.example.com/file")]
    public void Only_web_urls_can_be_tracked_links(string url) =>
        Assert.Throws<ArgumentException>(() => Tracking.ClickToken(ana.SendId, url));

    [Fact]
    public async Task A_tampered_foreign_or_garbage_token_changes_nothing_and_leads_nowhere()
    {
        var open = Tracking.OpenToken(ana.SendId);
        var click = Tracking.ClickToken(ana.SendId, "https://gym.example.com/");
        var unsubscribe = Tracking.UnsubscribeToken(ana.ClientId);

        await Tracking.RecordOpenAsync(TrackedSend.Tampered(open));
        await Tracking.RecordOpenAsync(click);
        await Tracking.RecordOpenAsync("not a token");
        Assert.Null(await Tracking.RecordClickAsync(TrackedSend.Tampered(click)));
        Assert.Null(await Tracking.RecordClickAsync(open));
        Assert.Null(await Tracking.RecordClickAsync(""));
        Assert.Null(await Tracking.FindUnsubscribeAsync(TrackedSend.Tampered(unsubscribe)));
        Assert.False(await Tracking.UnsubscribeAsync(TrackedSend.Tampered(unsubscribe)));
        Assert.False(await Tracking.UnsubscribeAsync(open));

        await using var db = gym.CreateDb();
        var send = await db.EmailSends.SingleAsync();
        Assert.Equal((null, null), (send.OpenedAt, send.ClickedAt));
        Assert.Empty(await db.ClientEvents.ToListAsync());
        Assert.False((await db.Clients.SingleAsync()).EmailOptOut);
        Assert.Equal(EnrolmentStatus.Active, (await db.WorkflowEnrolments.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_send_that_is_gone_is_a_bad_token()
    {
        var click = Tracking.ClickToken(ana.SendId + 1000, "https://gym.example.com/");

        Assert.Null(await Tracking.RecordClickAsync(click));
        await Tracking.RecordOpenAsync(Tracking.OpenToken(ana.SendId + 1000));
        Assert.Null(await Tracking.FindUnsubscribeAsync(Tracking.UnsubscribeToken(ana.ClientId + 1000)));
    }

    [Fact]
    public async Task Unsubscribing_opts_the_client_out_and_exits_only_their_active_enrolments_once()
    {
        long finished;
        await using (var db = gym.CreateDb())
        {
            var done = new WorkflowEnrolment { WorkflowId = ana.WorkflowId, ClientId = ana.ClientId, Status = EnrolmentStatus.Completed, EnrolledAt = gym.Clock.UtcNow.AddDays(-30) };
            db.WorkflowEnrolments.Add(done);
            await db.SaveChangesAsync();
            finished = done.Id;
        }

        var token = Tracking.UnsubscribeToken(ana.ClientId);
        Assert.Equal(new UnsubscribeTarget("ana@example.com", AlreadyUnsubscribed: false), await Tracking.FindUnsubscribeAsync(token));

        Assert.True(await Tracking.UnsubscribeAsync(token));
        var unsubscribedAt = gym.Clock.UtcNow;
        gym.Time.Advance(TimeSpan.FromDays(1));
        Assert.True(await Tracking.UnsubscribeAsync(token));

        Assert.Equal(new UnsubscribeTarget("ana@example.com", AlreadyUnsubscribed: true), await Tracking.FindUnsubscribeAsync(token));
        await using var check = gym.CreateDb();
        Assert.True((await check.Clients.SingleAsync()).EmailOptOut);
        var exited = await check.WorkflowEnrolments.SingleAsync(e => e.Id == ana.EnrolmentId);
        Assert.Equal(
            (EnrolmentStatus.Exited, EnrolmentEnding.Unsubscribed, (DateTime?)unsubscribedAt, (int?)null, (DateTime?)null),
            (exited.Status, exited.Ending, exited.EndedAt, exited.NextStepId, exited.NextDueAt));
        var untouched = await check.WorkflowEnrolments.SingleAsync(e => e.Id == finished);
        Assert.Equal((EnrolmentStatus.Completed, null), (untouched.Status, untouched.Ending));
    }
}
