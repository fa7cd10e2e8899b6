using GymAutomation.Core.Calendar;
using GymAutomation.Core.Campaigns;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Calendar;

/// <summary>
/// The contact calendar played over 30 days of fake time: three service workflows, a promotional one and a campaign to
/// a segment of every client, launched on the fifth day; the launcher and the engine run twice a day against a real
/// SMTP server, with two quiet days and the default cap (1 a day, 3 in any 7 days). The month crosses the change to
/// summer time.
/// </summary>
public sealed class ThirtyDaysOfSendingTests : IAsyncLifetime
{
    private const int Clients = 30;

    private static readonly TimeOnly[] RunsAt = [new(10, 0), new(16, 0)];

    private SmtpTestServer smtp = default!;
    private TestGym gym = default!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        gym = await TestGym.StartAsync(smtp.Settings());
    }

    public async Task DisposeAsync()
    {
        await gym.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task No_client_gets_more_than_the_cap_none_is_lost_quiet_days_stay_quiet_and_every_moved_email_says_why()
    {
        var start = gym.Clock.Today;
        DateOnly[] quiet = [start.AddDays(3), start.AddDays(9)];
        var settings = gym.Get<ContactCalendarSettings>();
        foreach (var day in quiet)
        {
            Assert.True((await settings.AddQuietDayAsync(day, $"Holiday {day:d}")).Succeeded);
        }

        var workflows = await AddWorkflowsAsync();
        var clients = new List<int>();
        for (var i = 0; i < Clients; i++)
        {
            clients.Add((await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = $"Client{i}", Email = $"client{i}@example.com" })).Value!.Id);
        }

        await gym.Get<EventDispatcher>().DrainAsync();
        var campaignWorkflow = await ScheduleCampaignAsync(gym.Clock.ToUtc(start.AddDays(4).ToDateTime(RunsAt[0])));
        for (var day = 0; day < 30; day++)
        {
            foreach (var time in RunsAt)
            {
                gym.Time.SetUtcNow(gym.Clock.ToUtc(start.AddDays(day).ToDateTime(time)));
                // A third of the clients join on each of the first three days, all four workflows at once.
                await EnrolAsync(workflows, clients.Where((_, i) => i % 3 == day && time == RunsAt[0]));
                await gym.Get<CampaignLauncher>().LaunchDueAsync();
                await gym.Get<WorkflowEngine>().ProcessAsync();
            }
        }

        await using var db = gym.CreateDb();
        var sends = await db.EmailSends.AsNoTracking().ToListAsync();
        var enrolments = await db.WorkflowEnrolments.AsNoTracking().ToListAsync();

        // None lost: every email of every workflow reached the server, once.
        Assert.All(enrolments, e => Assert.Equal(EnrolmentStatus.Completed, e.Status));
        Assert.Equal(Clients * 8, sends.Count);
        Assert.All(sends, s => Assert.Equal(EmailSendStatus.Sent, s.Status));
        var received = smtp.Messages().GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Clients, received.Count);
        Assert.All(received.Values, count => Assert.Equal(8, count));
        Assert.Equal(Clients, sends.Count(s => s.WorkflowId == campaignWorkflow));

        foreach (var client in sends.GroupBy(s => s.ClientId))
        {
            var days = client.Select(s => DateOnly.FromDateTime(gym.Clock.ToLocal(s.SentAt!.Value))).ToList();
            Assert.All(days.GroupBy(d => d), d => Assert.Single(d));
            Assert.All(days, d => Assert.True(days.Count(other => other >= d && other <= d.AddDays(6)) <= 3, $"Client {client.Key} got more than 3 emails in the 7 days from {d}"));
            Assert.DoesNotContain(days, quiet.Contains);
        }

        // The moved ones say why and from when; the others were not moved.
        Assert.All(sends.Where(s => s.DueAt is null), s => Assert.Equal(SlotMoves.None, s.MovedBecause));
        Assert.All(sends.Where(s => s.DueAt is not null), s =>
        {
            Assert.NotEqual(SlotMoves.None, s.MovedBecause);
            Assert.True(s.DueAt < s.ClaimedAt);
        });
        foreach (var reason in new[] { SlotMoves.DailyCap, SlotMoves.WeeklyCap, SlotMoves.QuietDay })
        {
            Assert.Contains(sends, s => s.MovedBecause.HasFlag(reason));
        }

        // Service first: no service email that was due when a promotional one went out to the same client went after it.
        int[] promotional = [workflows.Single(w => w.Purpose == EmailPurpose.Promotional).Id, campaignWorkflow];
        foreach (var offer in sends.Where(s => promotional.Contains(s.WorkflowId)))
        {
            var waiting = sends.Where(s => s.ClientId == offer.ClientId && !promotional.Contains(s.WorkflowId) && (s.DueAt ?? s.ClaimedAt) <= offer.ClaimedAt && s.ClaimedAt > offer.ClaimedAt);
            Assert.Empty(waiting);
        }
    }

    /// <summary>A campaign to everyone with an email address, to go out at <paramref name="sendAt"/>; returns its workflow's id.</summary>
    private async Task<int> ScheduleCampaignAsync(DateTime sendAt)
    {
        var everyone = new SegmentInput { Name = "Everyone" };
        everyone.Definition.Groups[0].Conditions.Add(new SegmentCondition { Kind = ConditionKind.HasEmail });
        var segmentId = (await gym.Get<SavedSegments>().SaveAsync(null, everyone, "tests")).Value!.Id;
        var draft = new CampaignDraft { Name = "Open day", SegmentId = segmentId, SendAt = sendAt };
        draft.Email.Design = null;
        draft.Email.Subject = "Open day";
        draft.Email.Body = "<p>Hola {{ client.first_name }}</p>";
        var campaigns = gym.Get<GymAutomation.Core.Campaigns.Campaigns>();
        var saved = await campaigns.SaveAsync(null, draft, "tests");
        Assert.True((await campaigns.ScheduleAsync(saved.Value!.Id)).Succeeded);
        return saved.Value.WorkflowId;
    }

    private async Task<List<EmailWorkflow>> AddWorkflowsAsync()
    {
        var now = gym.Clock.UtcNow;
        List<EmailWorkflow> workflows =
        [
            Workflow("Welcome", EmailPurpose.Service, now, 1),
            Workflow("First membership", EmailPurpose.Service, now, 2),
            Workflow("Renewal", EmailPurpose.Service, now),
            Workflow("Spring offer", EmailPurpose.Promotional, now, 3),
        ];
        await using var db = gym.CreateDb();
        db.EmailWorkflows.AddRange(workflows);
        await db.SaveChangesAsync();
        return workflows;
    }

    /// <summary>A workflow of one email, or two with a wait of <paramref name="waitDays"/> between them.</summary>
    private static EmailWorkflow Workflow(string name, EmailPurpose purpose, DateTime now, int? waitDays = null) => new()
    {
        Name = name,
        // A trigger this test never fires: the clients are enrolled by hand.
        TriggerEvent = ClientEventTypes.MembershipCreated,
        IsActive = true,
        Purpose = purpose,
        CreatedAt = now,
        UpdatedAt = now,
        Steps = waitDays is { } days
            ? [Email(0, $"{name} 1"), new WorkflowStep { Position = 1, Kind = StepKind.Wait, WaitDays = days, Name = "", Subject = "", Body = "" }, Email(2, $"{name} 2")]
            : [Email(0, name)],
    };

    private static WorkflowStep Email(int position, string subject) => new()
    {
        Position = position,
        Name = subject,
        Subject = subject,
        Body = "<p>Hola {{ client.first_name }}</p>",
    };

    private async Task EnrolAsync(List<EmailWorkflow> workflows, IEnumerable<int> clients)
    {
        var now = gym.Clock.UtcNow;
        await using var db = gym.CreateDb();
        foreach (var client in clients)
        {
            db.WorkflowEnrolments.AddRange(workflows.Select(w => new WorkflowEnrolment
            {
                WorkflowId = w.Id, ClientId = client, EnrolledAt = now, StepReachedAt = now, NextDueAt = now, NextStepId = w.Steps.Single(s => s.Position == 0).Id,
            }));
        }

        await db.SaveChangesAsync();
    }
}
