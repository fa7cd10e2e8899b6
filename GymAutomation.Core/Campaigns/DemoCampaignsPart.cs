using GymAutomation.Core.Calendar;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Campaigns;

/// <summary>
/// The demo gym's two campaigns, when it has none: the new yoga class, sent twelve days ago to its engaged members —
/// each email delivered, about half opened and some clicked, and those who booked a class within the week counted as
/// its goal — and a "we miss you" offer to the members at risk, scheduled for three days from now at 10:00.
/// </summary>
internal sealed class DemoCampaignsPart(GymClock clock, EmailTemplates templates, EmailLinks links, SegmentAudience audience, IOptions<GymOptions> gym) : IDemoPart
{
    public const int SentDaysAgo = 12;

    private const double SecondsPerEmail = 0.6;

    public int Order => DemoPartOrder.Clients + 600;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var db = demo.Db;
        var spanish = gym.Value.Language == "es";
        var segments = await db.Segments.ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        if (await db.Campaigns.AnyAsync(cancellationToken)
            || !segments.TryGetValue(spanish ? "Socios comprometidos" : "Engaged members", out var engaged)
            || !segments.TryGetValue(spanish ? "Socios en riesgo" : "Members at risk", out var atRisk))
        {
            return;
        }

        var launched = clock.ToUtc(clock.Today.AddDays(-SentDaysAgo).ToDateTime(new TimeOnly(10, 0)));
        var yoga = Workflow(spanish ? "Nueva clase: yoga los jueves" : "New class: yoga on Thursdays",
            spanish ? "{{ client.first_name }}, estrenamos yoga los jueves" : "{{ client.first_name }}, yoga starts on Thursdays",
            spanish ? "<h2>Yoga los jueves a las 19:30</h2><p>Hola {{ client.first_name }}: desde esta semana tienes yoga en {{ gym.name }}. Reserva tu plaza en recepción o en la app.</p>"
                : "<h2>Yoga on Thursdays at 19:30</h2><p>Hi {{ client.first_name }}: yoga starts this week at {{ gym.name }}. Book your place at the desk or in the app.</p>",
            launched);
        var missYou = Workflow(spanish ? "Te echamos de menos" : "We miss you",
            spanish ? "{{ client.first_name }}, tu próxima clase es gratis" : "{{ client.first_name }}, your next class is on us",
            spanish ? "<p>Hola {{ client.first_name }}: hace días que no te vemos. Ven esta semana y la clase que elijas es gratis.</p>"
                : "<p>Hi {{ client.first_name }}: we have not seen you for a while. Come this week and the class you choose is free.</p>",
            launched);
        missYou.IsActive = false;
        db.EmailWorkflows.AddRange(yoga, missYou);
        await db.SaveChangesAsync(cancellationToken);

        var recipients = await SendAsync(db, yoga, engaged, launched, cancellationToken);
        // The launch's run, and the sending run it started at once, which sent the emails one after another.
        var sending = TimeSpan.FromSeconds(3 + (recipients * SecondsPerEmail));
        demo.JobRan(new DemoJobRun(SendCampaignsJob.JobName, launched, 1, sending + TimeSpan.FromSeconds(1)));
        demo.JobRan(new DemoJobRun(ProcessEmailWorkflowsJob.JobName, launched.AddSeconds(1), recipients, sending) { Trigger = SendCampaignsJob.Trigger });
        db.Campaigns.AddRange(
            new Campaign
            {
                SegmentId = engaged, WorkflowId = yoga.Id, Status = CampaignStatus.Sent, SendAt = launched, LaunchedAt = launched, Recipients = recipients,
                FinishedAt = launched.AddMinutes(3), CreatedBy = "marketing@demo.gym", CreatedAt = launched.AddDays(-2), UpdatedAt = launched,
            },
            new Campaign
            {
                SegmentId = atRisk, WorkflowId = missYou.Id, Status = CampaignStatus.Scheduled,
                SendAt = clock.ToUtc(clock.Today.AddDays(3).ToDateTime(new TimeOnly(10, 0))),
                CreatedBy = "marketing@demo.gym", CreatedAt = clock.UtcNow.AddHours(-3), UpdatedAt = clock.UtcNow.AddHours(-3),
            });
        await db.SaveChangesAsync(cancellationToken);
        demo.Count("campaigns", 2);
    }

    private static EmailWorkflow Workflow(string name, string subject, string body, DateTime at) => new()
    {
        Name = name,
        TriggerEvent = WorkflowTriggers.Campaign,
        Purpose = EmailPurpose.Promotional,
        PausesForRetentionCase = true,
        Goal = WorkflowGoal.BooksClass,
        GoalDays = 7,
        IsActive = true,
        CreatedAt = at.AddDays(-2),
        UpdatedAt = at.AddDays(-2),
        Steps = [new WorkflowStep { Kind = StepKind.Email, Name = name, Subject = subject, Body = body, Position = 0 }],
    };

    /// <summary>The campaign as the engine sent it: each of the segment's members enrolled at launch and sent the email within minutes; returns how many.</summary>
    private async Task<int> SendAsync(GymDbContext db, EmailWorkflow workflow, int segmentId, DateTime launched, CancellationToken cancellationToken)
    {
        var members = await (await audience.SavedAsync(db, segmentId, cancellationToken) ?? db.Clients.Where(_ => false))
            .Where(c => c.Email != null && c.Email != "" && !c.EmailOptOut)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var ids = members.Select(c => c.Id).ToList();
        var booked = (await db.ClientEvents.Where(e => ids.Contains(e.ClientId) && e.Type == ClientEventTypes.ClassBooked && e.OccurredAt > launched && e.OccurredAt <= launched.AddDays(7))
            .Select(e => new { e.ClientId, e.OccurredAt }).ToListAsync(cancellationToken))
            .GroupBy(e => e.ClientId).ToDictionary(g => g.Key, g => g.Min(e => e.OccurredAt));
        var step = workflow.Steps[0];
        var sends = new List<EmailSend>(members.Count);
        foreach (var (client, i) in members.Select((c, i) => (c, i)))
        {
            var random = new Random(client.Id);
            var sentAt = launched.AddSeconds(2 + (i * SecondsPerEmail));
            var opened = random.NextDouble() < 0.52 ? sentAt.AddMinutes(random.Next(5, 26 * 60)) : (DateTime?)null;
            var clicked = opened is { } o && random.NextDouble() < 0.3 ? o.AddMinutes(random.Next(1, 15)) : (DateTime?)null;
            var email = templates.Render(step.Subject, step.Body,
                new TemplateData(client.FirstName, client.LastName ?? "", client.Email!, gym.Value.Name, links.UnsubscribeUrl(client.Id), gym.Value.Language));
            var enrolment = new WorkflowEnrolment
            {
                WorkflowId = workflow.Id, ClientId = client.Id, Status = EnrolmentStatus.Completed, EnrolledAt = launched, EndedAt = sentAt,
                GoalReachedAt = booked.TryGetValue(client.Id, out var goal) ? goal : null,
            };
            db.WorkflowEnrolments.Add(enrolment);
            sends.Add(new EmailSend
            {
                Enrolment = enrolment, StepId = step.Id, WorkflowId = workflow.Id, ClientId = client.Id, Status = EmailSendStatus.Sent,
                ClaimedAt = sentAt, SentAt = sentAt, Attempts = 1, ToAddress = client.Email!, Subject = email.Subject, HtmlBody = email.HtmlBody,
                TextBody = email.TextBody, OpenedAt = opened, ClickedAt = clicked,
            });
        }

        db.EmailSends.AddRange(sends);
        await db.SaveChangesAsync(cancellationToken);
        // As the engine leaves them: the pixel and the links carry the send's id, and each email is a passage of its step.
        foreach (var send in sends)
        {
            send.HtmlBody = links.Track(send.HtmlBody, send.Id);
        }

        db.WorkflowPassages.AddRange(sends.Select(send => new WorkflowPassage
        {
            EnrolmentId = send.EnrolmentId, StepId = send.StepId, WorkflowId = send.WorkflowId, ClientId = send.ClientId, Branch = StepBranch.Main, PassedAt = send.SentAt!.Value,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return members.Count;
    }
}
