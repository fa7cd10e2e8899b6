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
/// The demo gym's two workflows — the welcome as a flow with a goal and an A/B test, the new members' sequence as the
/// original system had it — added by name when missing, and their last 30 days of work when nothing was sent yet:
/// the leads who signed up and the members who joined in that time enrolled and walked the flow as the engine walks
/// it — each email sent by the first round of <c>process-email-workflows</c> after it fell due, about half of them
/// opened (a little more for the welcome's variant B) and some clicked, each question answered by what the client
/// did or scores, each hot lead left to their staff member with a notification, and each lead who joined within the
/// goal's days converted. Each client draws from its own seed. The rounds are reported to the jobs' part; the round
/// the mail server refused (<see cref="DemoJobHistory.MailOutageDaysAgo"/>) failed, and its emails went out when a
/// manager ran it again.
/// </summary>
internal sealed class DemoWorkflowsPart(
    GymClock clock, EmailTemplates templates, EmailLinks links, JobCatalog catalog, IOptions<GymOptions> gym, IOptions<WorkflowsOptions> options,
    IWorkflowScores scores) : IDemoPart
{
    private readonly Dictionary<DateTime, List<DateTime>> rounds = [];
    private readonly List<Passed> passed = [];
    private readonly List<Notice> notices = [];

    public const int SentDays = 30;

    public int Order => DemoPartOrder.Clients + 200;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var db = demo.Db;
        var existing = await db.EmailWorkflows.Select(w => w.Name).ToListAsync(cancellationToken);
        // Switched on since the start of the demo's history: saving them records it so.
        var since = clock.UtcNow.AddDays(-DemoCalendar.HistoryDays);
        var added = 0;
        if (!existing.Contains(DemoWorkflows.Welcome))
        {
            await DemoWorkflows.AddFlowingWelcomeAsync(db, since, cancellationToken);
            added++;
        }

        var missing = DemoWorkflows.Original(since).Where(w => w.Name != DemoWorkflows.Welcome && !existing.Contains(w.Name)).ToList();
        db.EmailWorkflows.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
        demo.Count("email workflows", added + missing.Count);

        if (await db.EmailSends.AnyAsync(cancellationToken))
        {
            return;
        }

        var calendar = new DemoCalendar(clock);
        var sent = await SendLastDaysAsync(db, calendar, cancellationToken);
        demo.Count("emails sent", sent);
        db.ChangeTracker.Clear();
        ReportRounds(demo, calendar);
    }

    private async Task<int> SendLastDaysAsync(GymDbContext db, DemoCalendar calendar, CancellationToken cancellationToken)
    {
        var since = calendar.Now.AddDays(-SentDays);
        var workflows = await db.EmailWorkflows.Include(w => w.Steps)
            .Where(w => w.Name == DemoWorkflows.Welcome || w.Name == DemoWorkflows.NewMembership)
            .ToDictionaryAsync(w => w.Name, cancellationToken);
        var demoClients = db.Clients.Where(c => c.ExternalId != null && c.ExternalId.StartsWith(DemoCast.ExternalIdPrefix) && c.Email != null && !c.EmailOptOut);
        var leads = await Triggered(db, demoClients, ClientEventTypes.LeadCreated, since).ToListAsync(cancellationToken);
        var joined = await Triggered(db, demoClients, ClientEventTypes.MembershipCreated, since).ToListAsync(cancellationToken);
        var questions = workflows.Values.SelectMany(w => w.Steps).Where(s => s.Kind == StepKind.IfElse && s.Condition == StepCondition.ScoreAtLeast);
        var scoring = new Dictionary<int, HashSet<int>>();
        foreach (var question in questions)
        {
            scoring[question.Id] = (await scores.ClientsScoringAtLeast(db, question.ConditionNumber ?? 0).ToListAsync(cancellationToken)).ToHashSet();
        }

        var facts = new Facts(
            scoring,
            (await db.ClientEvents.Where(e => e.Type == ClientEventTypes.MembershipCreated && e.OccurredAt >= since)
                .Select(e => new { e.ClientId, e.Id, e.OccurredAt }).ToListAsync(cancellationToken))
                .ToLookup(e => e.ClientId, e => (e.Id, e.OccurredAt)));

        var sends = 0;
        foreach (var (name, enrolling) in new[] { (DemoWorkflows.Welcome, leads), (DemoWorkflows.NewMembership, joined) })
        {
            if (!workflows.TryGetValue(name, out var workflow))
            {
                continue;
            }

            foreach (var one in enrolling.OrderBy(e => e.Client.ExternalId, StringComparer.Ordinal))
            {
                sends += Enrol(db, workflow, one, facts, calendar);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.WorkflowPassages.AddRange(passed.Select(p => new WorkflowPassage
        {
            EnrolmentId = p.Enrolment.Id, StepId = p.Step.Id, WorkflowId = p.Enrolment.WorkflowId, ClientId = p.Enrolment.ClientId,
            Branch = p.Branch, PassedAt = p.At,
        }));
        db.WorkflowNotifications.AddRange(notices.Select(n => new WorkflowNotification
        {
            StaffUserId = n.StaffUserId, ClientId = n.Enrolment.ClientId, WorkflowId = n.Enrolment.WorkflowId, StepId = n.Step.Id,
            EnrolmentId = n.Enrolment.Id, Message = n.Step.Name, CreatedAt = n.At,
            // The front desk has called the leads of earlier days; the last few days' are still on their board.
            ReadAt = n.At < calendar.Now.AddDays(-5) ? n.At.AddHours(3) : null,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return sends;
    }

    /// <summary>The clients the event of <paramref name="type"/> enrolled since a time, with the event.</summary>
    private static IQueryable<Enrolling> Triggered(GymDbContext db, IQueryable<Client> clients, string type, DateTime since) =>
        clients.SelectMany(
            c => db.Set<ClientEvent>().Where(e => e.ClientId == c.Id && e.Type == type && e.OccurredAt >= since),
            (c, e) => new Enrolling(c, e.OccurredAt, e.Id));

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

    /// <summary>
    /// Enrols the client and walks them down the flow up to now, as the engine would have: returns how many emails
    /// it sent. The walk stops at a step not done by now (the enrolment waits there) or at the goal.
    /// </summary>
    private int Enrol(GymDbContext db, EmailWorkflow workflow, Enrolling one, Facts facts, DemoCalendar calendar)
    {
        var (client, now) = (one.Client, calendar.Now);
        var number = int.Parse(client.ExternalId![DemoCast.ExternalIdPrefix.Length..], CultureInfo.InvariantCulture);
        var walk = new Walk(
            client,
            new WorkflowEnrolment { WorkflowId = workflow.Id, ClientId = client.Id, EnrolledAt = one.At, TriggerEventId = one.EventId },
            new Random(DemoSeeds.Life(number) ^ (workflow.Name == DemoWorkflows.Welcome ? 0x3A11 : 0x3A12)),
            new TemplateData(client.FirstName, client.LastName ?? "", client.Email!, gym.Value.Name, links.UnsubscribeUrl(client.Id), gym.Value.Language));
        db.WorkflowEnrolments.Add(walk.Enrolment);
        var goal = workflow.Goal is null ? null
            : facts.Joined[client.Id].Where(j => j.Id > one.EventId && j.At <= one.At.AddDays(workflow.GoalDays ?? 0)).Select(j => (DateTime?)j.At).FirstOrDefault();
        var end = goal is { } reached && reached < now ? reached : now;
        var flow = new WorkflowFlow(workflow.Steps);
        var (step, at) = (flow.First, one.At);
        while (step is not null)
        {
            if (Take(workflow, step, at, walk, facts, calendar, end) is not { } taken)
            {
                (walk.Enrolment.NextStepId, walk.Enrolment.StepReachedAt) = (step.Id, at);
                walk.Enrolment.NextDueAt = step.Kind == StepKind.Email ? at : StepTiming.DueAt(step, at, clock);
                break;
            }

            if (taken.Send is { } send)
            {
                db.EmailSends.Add(send);
                walk.Last = send;
            }

            passed.Add(new Passed(walk.Enrolment, step, taken.Branch, taken.At));
            (step, at) = (flow.Into(step, taken.Branch), taken.At);
        }

        if (goal is { } converted && converted < now)
        {
            walk.Enrolment.GoalReachedAt = converted;
            (walk.Enrolment.Status, walk.Enrolment.EndedAt, walk.Enrolment.Ending) = (EnrolmentStatus.Exited, converted, EnrolmentEnding.GoalReached);
            (walk.Enrolment.NextStepId, walk.Enrolment.NextDueAt, walk.Enrolment.StepReachedAt) = (null, null, null);
        }
        else if (step is null)
        {
            (walk.Enrolment.Status, walk.Enrolment.EndedAt) = (EnrolmentStatus.Completed, at);
        }

        return walk.Sent;
    }

    /// <summary>What the client did at a step reached at <paramref name="at"/>: the path they took and when; null while it is not done by <paramref name="now"/>.</summary>
    private Taken? Take(EmailWorkflow workflow, WorkflowStep step, DateTime at, Walk walk, Facts facts, DemoCalendar calendar, DateTime now)
    {
        switch (step.Kind)
        {
            case StepKind.Wait:
                var over = StepTiming.DueAt(step, at, clock);
                return over <= now ? new Taken(StepBranch.Main, over) : null;
            case StepKind.WaitUntil:
                var deadline = StepTiming.DueAt(step, at, clock);
                var answer = walk.Last?.OpenedAt is { } opened && opened <= deadline ? (StepBranch.Yes, opened) : (StepBranch.No, deadline);
                return RoundFor(answer.Item2, calendar) is { } answered && answered <= now ? new Taken(answer.Item1, answered) : null;
            case StepKind.IfElse:
                var yes = facts.Scoring.TryGetValue(step.Id, out var scoring) && scoring.Contains(walk.Enrolment.ClientId);
                return RoundFor(at, calendar) is { } asked && asked <= now ? new Taken(yes ? StepBranch.Yes : StepBranch.No, asked) : null;
            case StepKind.NotifyStaff:
                if (RoundFor(at, calendar) is not { } notified || notified > now)
                {
                    return null;
                }

                if ((step.NotifyStaffUserId ?? walk.Client.AssignedStaffId) is { } staffUserId)
                {
                    notices.Add(new Notice(walk.Enrolment, step, staffUserId, notified));
                }

                return new Taken(StepBranch.Main, notified);
            default:
                return Send(workflow, step, at, walk, calendar, now);
        }
    }

    /// <summary>The email sent as the engine sends it: by the first round of the job after it fell due, one after another.</summary>
    private Taken? Send(EmailWorkflow workflow, WorkflowStep step, DateTime due, Walk walk, DemoCalendar calendar, DateTime until)
    {
        var now = calendar.Now;
        var round = RoundFor(due, calendar);
        var sendAt = round?.AddMilliseconds(1500 + (650 * rounds.GetValueOrDefault(round.Value, []).Count) + walk.Random.Next(0, 300));
        if (round is not { } roundAt || sendAt is not { } sentAt || sentAt > until)
        {
            return null;
        }

        rounds.TryAdd(roundAt, []);
        rounds[roundAt].Add(sentAt);
        var variant = EmailVariants.For(step, walk.Enrolment.ClientId);
        var opens = variant == EmailVariant.B ? 0.62 : 0.5;
        var opened = walk.Random.NextDouble() < opens ? sentAt.AddMinutes(walk.Random.Next(10, 30 * 60)) : (DateTime?)null;
        var clicked = opened is { } o && walk.Random.NextDouble() < 0.35 ? o.AddMinutes(walk.Random.Next(1, 20)) : (DateTime?)null;
        var (subject, body) = EmailVariants.Content(step, variant);
        var email = templates.Render(subject, body, walk.Data);
        walk.Sent++;
        return new Taken(StepBranch.Main, sentAt, new EmailSend
        {
            Enrolment = walk.Enrolment, StepId = step.Id, WorkflowId = workflow.Id, ClientId = walk.Enrolment.ClientId, Variant = variant,
            Status = EmailSendStatus.Sent, ClaimedAt = sentAt, SentAt = sentAt, Attempts = 1,
            ToAddress = walk.Data.Email, Subject = email.Subject, HtmlBody = email.HtmlBody, TextBody = email.TextBody,
            OpenedAt = opened <= now ? opened : null, ClickedAt = clicked <= now ? clicked : null,
        });
    }

    /// <summary>What the questions ask, read once: for each score question, the clients scoring at least its number; each client's memberships joined.</summary>
    private sealed record Facts(Dictionary<int, HashSet<int>> Scoring, ILookup<int, (long Id, DateTime At)> Joined);

    /// <summary>One client's way down a workflow: their enrolment, their seed, their data for the templates and the last email they were sent.</summary>
    private sealed class Walk(Client client, WorkflowEnrolment enrolment, Random random, TemplateData data)
    {
        public Client Client { get; } = client;

        public WorkflowEnrolment Enrolment { get; } = enrolment;

        public Random Random { get; } = random;

        public TemplateData Data { get; } = data;

        public EmailSend? Last { get; set; }

        public int Sent { get; set; }
    }

    private sealed record Taken(StepBranch Branch, DateTime At, EmailSend? Send = null);

    private sealed record Enrolling(Client Client, DateTime At, long EventId);

    /// <summary>A step a demo client went past, recorded as the engine records it once the enrolment has its id.</summary>
    /// <summary>A staff member a notify step told, recorded once the enrolment has its id.</summary>
    private sealed record Notice(WorkflowEnrolment Enrolment, WorkflowStep Step, string StaffUserId, DateTime At);

    private sealed record Passed(WorkflowEnrolment Enrolment, WorkflowStep Step, StepBranch Branch, DateTime At);
}
