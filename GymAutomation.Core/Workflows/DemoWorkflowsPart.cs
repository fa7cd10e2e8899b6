using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// The original system's two workflows in the demo gym, added by name when missing, and their last 30 days of work
/// when nothing was sent yet: the leads who signed up and the members who joined in that time enrolled, each step
/// sent by the first round of <c>process-email-workflows</c> after it fell due, about half of them opened and some
/// clicked. Each client draws from its own seed. The rounds are reported to the jobs' part; the round the mail server
/// refused (<see cref="DemoJobHistory.MailOutageDaysAgo"/>) failed, and its emails went out when a manager ran it again.
/// </summary>
internal sealed class DemoWorkflowsPart(
    GymClock clock, EmailTemplates templates, EmailLinks links, JobCatalog catalog, IOptions<GymOptions> gym, IOptions<WorkflowsOptions> options) : IDemoPart
{
    private readonly Dictionary<DateTime, List<DateTime>> rounds = [];
    private readonly List<Passed> passed = [];

    public const int SentDays = 30;

    public int Order => DemoPartOrder.Clients + 200;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var db = demo.Db;
        var existing = await db.EmailWorkflows.Select(w => w.Name).ToListAsync(cancellationToken);
        // Switched on since the start of the demo's history: saving them records it so.
        var missing = DemoWorkflows.All(clock.UtcNow.AddDays(-DemoCalendar.HistoryDays)).Where(w => !existing.Contains(w.Name)).ToList();
        db.EmailWorkflows.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
        demo.Count("email workflows", missing.Count);

        if (await db.EmailSends.AnyAsync(cancellationToken))
        {
            return;
        }

        var calendar = new DemoCalendar(clock);
        var since = calendar.Now.AddDays(-SentDays);
        var workflows = await db.EmailWorkflows.Include(w => w.Steps)
            .Where(w => w.Name == DemoWorkflows.Welcome || w.Name == DemoWorkflows.NewMembership)
            .ToDictionaryAsync(w => w.Name, cancellationToken);
        var demoClients = db.Clients.Where(c => c.ExternalId != null && c.ExternalId.StartsWith(DemoCast.ExternalIdPrefix) && c.Email != null && !c.EmailOptOut);
        var leads = await demoClients.Where(c => c.Status == ClientStatus.Lead && c.CreatedAt >= since)
            .Select(c => new Enrolling(c, c.CreatedAt))
            .ToListAsync(cancellationToken);
        var joined = await demoClients
            .SelectMany(c => db.Set<ClientEvent>().Where(e => e.ClientId == c.Id && e.Type == ClientEventTypes.MembershipCreated && e.OccurredAt >= since), (c, e) => new Enrolling(c, e.OccurredAt))
            .ToListAsync(cancellationToken);

        var sends = 0;
        foreach (var (name, enrolling) in new[] { (DemoWorkflows.Welcome, leads), (DemoWorkflows.NewMembership, joined) })
        {
            if (!workflows.TryGetValue(name, out var workflow))
            {
                continue;
            }

            foreach (var one in enrolling.OrderBy(e => e.Client.ExternalId, StringComparer.Ordinal))
            {
                sends += Enrol(db, workflow, one.Client, one.At, calendar);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.WorkflowPassages.AddRange(passed.Select(p => new WorkflowPassage
        {
            EnrolmentId = p.Enrolment.Id, StepId = p.Step.Id, WorkflowId = p.Enrolment.WorkflowId, ClientId = p.Enrolment.ClientId,
            Branch = StepBranch.Main, PassedAt = p.At,
        }));
        await db.SaveChangesAsync(cancellationToken);
        demo.Count("emails sent", sends);
        db.ChangeTracker.Clear();
        ReportRounds(demo, calendar);
    }

    /// <summary>Each round that sent something, and the failed round with the manager's rerun.</summary>
    private void ReportRounds(DemoSeedContext demo, DemoCalendar calendar)
    {
        var outage = DemoJobHistory.Runs(Job, clock.TimeZone, calendar.Now.AddDays(-DemoJobHistory.Days), calendar.Now)
            .FirstOrDefault(at => DemoJobHistory.IsMailOutage(at, calendar));
        if (outage != default)
        {
            demo.JobRan(new DemoJobRun(Job.Name, outage, 0, TimeSpan.FromSeconds(21))
            {
                Error = new MailServerUnavailableException(DemoJobHistory.MailOutageReason).Message,
            });
        }

        foreach (var (round, sent) in rounds)
        {
            var manual = outage != default && round == outage + DemoJobHistory.RerunAfter;
            demo.JobRan(new DemoJobRun(Job.Name, round, sent.Count, sent.Max() - round + TimeSpan.FromSeconds(1.2)) { Trigger = manual ? "manual" : "schedule" });
        }
    }

    private ScheduledJob Job => catalog.Jobs.Single(j => j.Name == ProcessEmailWorkflowsJob.JobName);

    /// <summary>
    /// The round that sends a step due at <paramref name="due"/>: the job's first run after it inside the send window;
    /// for the round the mail server refused, the manager's rerun.
    /// </summary>
    private DateTime? RoundFor(DateTime due, DemoCalendar calendar)
    {
        var round = DemoJobHistory.NextRun(Job, clock.TimeZone, due);
        while (round is { } at && !options.Value.IsInWindow(TimeOnly.FromDateTime(clock.ToLocal(at))))
        {
            round = DemoJobHistory.NextRun(Job, clock.TimeZone, at.AddMinutes(1));
        }

        return round is { } run && DemoJobHistory.IsMailOutage(run, calendar) ? run + DemoJobHistory.RerunAfter : round;
    }

    /// <summary>Enrols the client at <paramref name="at"/> and sends each step that fell due by now; returns how many it sent.</summary>
    private int Enrol(GymDbContext db, EmailWorkflow workflow, Client client, DateTime at, DemoCalendar calendar)
    {
        var now = calendar.Now;
        var number = int.Parse(client.ExternalId![DemoCast.ExternalIdPrefix.Length..], CultureInfo.InvariantCulture);
        var random = new Random(DemoSeeds.Life(number) ^ (workflow.Name == DemoWorkflows.Welcome ? 0x3A11 : 0x3A12));
        var enrolment = new WorkflowEnrolment { WorkflowId = workflow.Id, ClientId = client.Id, EnrolledAt = at };
        db.WorkflowEnrolments.Add(enrolment);
        var data = new TemplateData(client.FirstName, client.LastName ?? "", client.Email!, gym.Value.Name, links.UnsubscribeUrl(client.Id), gym.Value.Language);
        var due = at;
        var sent = 0;
        foreach (var step in workflow.Steps.LiveInOrder())
        {
            if (step.Kind == StepKind.Wait)
            {
                due = due.AddDays(step.WaitDays);
                if (due <= now)
                {
                    passed.Add(new Passed(enrolment, step, due));
                }

                continue;
            }

            if (due > now)
            {
                (enrolment.NextStepId, enrolment.NextDueAt) = (step.Id, due);
                return sent;
            }

            // Sent as the engine sends: by the first round of the job after it fell due, one after another.
            var round = RoundFor(due, calendar);
            var sentAt = round?.AddMilliseconds(1500 + (650 * rounds.GetValueOrDefault(round.Value, []).Count) + random.Next(0, 300));
            if (round is not { } roundAt || sentAt is not { } sendAt || sendAt > now)
            {
                (enrolment.NextStepId, enrolment.NextDueAt) = (step.Id, due);
                return sent;
            }

            rounds.TryAdd(roundAt, []);
            rounds[roundAt].Add(sendAt);

            var opened = random.NextDouble() < 0.5 ? sendAt.AddMinutes(random.Next(10, 30 * 60)) : (DateTime?)null;
            var clicked = opened is { } o && random.NextDouble() < 0.35 ? o.AddMinutes(random.Next(1, 20)) : (DateTime?)null;
            var email = templates.Render(step.Subject, step.Body, data);
            db.EmailSends.Add(new EmailSend
            {
                Enrolment = enrolment, StepId = step.Id, WorkflowId = workflow.Id, ClientId = client.Id,
                Status = EmailSendStatus.Sent, ClaimedAt = sendAt, SentAt = sendAt, Attempts = 1,
                ToAddress = client.Email!, Subject = email.Subject, HtmlBody = email.HtmlBody, TextBody = email.TextBody,
                OpenedAt = opened <= now ? opened : null, ClickedAt = clicked <= now ? clicked : null,
            });
            passed.Add(new Passed(enrolment, step, sendAt));
            due = sendAt;
            sent++;
        }

        (enrolment.Status, enrolment.EndedAt) = (EnrolmentStatus.Completed, due);
        return sent;
    }

    private sealed record Enrolling(Client Client, DateTime At);

    /// <summary>A step a demo client went past, recorded as the engine records it once the enrolment has its id.</summary>
    private sealed record Passed(WorkflowEnrolment Enrolment, WorkflowStep Step, DateTime At);
}
