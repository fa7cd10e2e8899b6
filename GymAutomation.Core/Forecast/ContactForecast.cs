using GymAutomation.Core.Calendar;
using GymAutomation.Core.Campaigns;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Forecast;

/// <summary>
/// What the app will send in the next days, from every workflow and campaign: for one client, and per day for one
/// workflow or campaign. It plays the sending job's scheduled runs ahead (<see cref="ForecastWalk"/>) with the same
/// slot function the engine claims by, so what is forecast is what the engine will do unless something changes: a
/// client answers a question, joins or leaves a segment, or staff change a workflow.
/// </summary>
public sealed class ContactForecast(
    IDbContextFactory<GymDbContext> dbFactory,
    StepConditions conditions,
    ContactCalendarSettings calendar,
    SegmentAudience segments,
    EmailTemplates templates,
    EmailLinks links,
    JobCatalog catalog,
    IWorkflowHolds holds,
    GymClock clock,
    IOptions<GymOptions> gym,
    IOptions<WorkflowsOptions> options)
{
    public const int Days = 14;

    public async Task<ClientForecast> ForClientAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.FirstName, c.LastName, c.Email }).SingleOrDefaultAsync(cancellationToken);
        var walk = await WalkAsync(db, db.Clients.Where(c => c.Id == clientId), (_, step) => client is null ? step.Subject
            : templates.Render(step.Subject, "", new TemplateData(client.FirstName, client.LastName ?? "", client.Email ?? "", gym.Value.Name, links.UnsubscribeUrl(clientId), gym.Value.Language)).Subject, cancellationToken);
        return new ClientForecast(clock.UtcNow, End, walk?.Walk.Emails ?? [], walk?.Walk.Questions ?? [], walk?.Paused ?? [], walk is not null);
    }

    /// <summary>The workflow's (or campaign's) emails expected on each of the next days, the calendar's moves counted apart.</summary>
    public async Task<IReadOnlyList<ForecastDay>> VolumeAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.WorkflowId == workflowId && c.Status == CampaignStatus.Scheduled).Select(c => (int?)c.SegmentId).FirstOrDefaultAsync(cancellationToken);
        var clients = campaign is { } segmentId
            ? await CampaignLauncher.RecipientsAsync(db, segments, segmentId, cancellationToken)
            : db.Clients.Where(c => db.Set<WorkflowEnrolment>().Any(e => e.ClientId == c.Id && e.WorkflowId == workflowId && e.Status == EnrolmentStatus.Active));
        var walk = await WalkAsync(db, clients, (_, step) => step.Subject, cancellationToken);
        var byDay = (walk?.Walk.Emails ?? []).Where(e => e.WorkflowId == workflowId).ToLookup(e => ContactCalendar.Day(e.At, clock));
        return [.. Enumerable.Range(0, Days + 1).Select(i => clock.Today.AddDays(i)).Select(day => new ForecastDay(
            day, byDay[day].Count(e => e.DependsOn is null), byDay[day].Count(e => e.DependsOn is null && e.Moved), byDay[day].Count(e => e.DependsOn is not null)))];
    }

    private DateTime End => clock.UtcNow.AddDays(Days);

    /// <summary>
    /// The walk of the clients' journeys, less those paused for a retention case, which are returned apart: nobody
    /// knows when a case closes. Null when the sending job is not scheduled: nothing would go out on its own.
    /// </summary>
    private async Task<(ForecastWalk Walk, IReadOnlyList<ForecastPause> Paused)?> WalkAsync(GymDbContext db, IQueryable<Client> clients, Func<Journey, WorkflowStep, string> subject, CancellationToken cancellationToken)
    {
        if (catalog.Find(ProcessEmailWorkflowsJob.JobName) is not { Enabled: true } sending)
        {
            return null;
        }

        var now = clock.UtcNow;
        var enrolments = await db.WorkflowEnrolments.AsNoTracking()
            .Where(e => clients.Any(c => c.Id == e.ClientId) && e.Status == EnrolmentStatus.Active && e.NextStepId != null && e.NextDueAt != null && e.Workflow.IsActive)
            .Where(e => e.Client.Email != null && e.Client.Email != "" && !e.Client.EmailOptOut)
            .Select(e => new { e.Id, e.ClientId, e.WorkflowId, StepId = e.NextStepId!.Value, Due = e.NextDueAt!.Value, Reached = e.StepReachedAt ?? e.EnrolledAt, e.MovedFromDueAt, e.MovedBecause })
            .ToListAsync(cancellationToken);
        var launches = await ScheduledCampaignsAsync(db, clients, cancellationToken);
        var workflowIds = enrolments.Select(e => e.WorkflowId).Concat(launches.Select(l => l.WorkflowId)).Distinct().ToList();
        var workflows = await db.EmailWorkflows.AsNoTracking().Include(w => w.Steps).Where(w => workflowIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        var flows = workflows.ToDictionary(w => w.Key, w => new WorkflowFlow(w.Value.Steps));
        var answers = new ForecastAnswers(await YesAsync(db, workflows.Values, enrolments.Select(e => e.Id).ToList(), now, cancellationToken),
            await Passages.LoadAsync(db, enrolments.Select(e => e.Id).ToList(), cancellationToken));

        var journeys = enrolments.Select(e => new Journey(e.Id, e.ClientId, workflows[e.WorkflowId], flows[e.WorkflowId], null)
        {
            Step = flows[e.WorkflowId].Step(e.StepId),
            // A wait-until already answered goes on at the next run, as the engine wakes it.
            Due = answers.Yes.Contains((e.Id, e.StepId)) && flows[e.WorkflowId].Step(e.StepId).Kind == StepKind.WaitUntil ? now : e.Due,
            Reached = e.Reached,
            FirstDue = e.MovedFromDueAt,
            Moves = e.MovedBecause,
        }).Concat(launches.Select(l => new Journey(-l.CampaignId, l.ClientId, workflows[l.WorkflowId], flows[l.WorkflowId], l.CampaignId)
        {
            Step = flows[l.WorkflowId].First,
            Due = l.SendAt,
            Reached = l.SendAt,
        })).ToList();
        var inCase = (await holds.ClientsInRetentionCase(db).Where(id => clients.Any(c => c.Id == id)).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var paused = journeys.Where(j => j.Workflow.PausesForRetentionCase && inCase.Contains(j.ClientId)).ToList();

        var walk = new ForecastWalk(await calendar.RulesAsync(db, options.Value.Window, cancellationToken), clock, RunsOf(sending, launches.Select(l => l.SendAt)), End, answers);
        walk.Run([.. journeys.Except(paused)], await CapHistory.TakenAsync(db.EmailSends.Where(s => clients.Any(c => c.Id == s.ClientId)), clock, cancellationToken), subject);
        return (walk, [.. paused.Select(j => new ForecastPause(j.Workflow.Id, j.Workflow.Name, j.CampaignId)).Distinct()]);
    }

    /// <summary>The sending job's next run at or after a moment, or a campaign's launch, which sends at once.</summary>
    private Func<DateTime, DateTime?> RunsOf(ScheduledJob sending, IEnumerable<DateTime> launchTimes)
    {
        var launches = catalog.Find(SendCampaignsJob.JobName) is { Enabled: true } launcher
            ? launchTimes.Select(at => launcher.NextRunUtc(at.AddTicks(-1), clock.TimeZone)).OfType<DateTime>().ToList()
            : [];
        return from =>
        {
            var scheduled = sending.NextRunUtc(from.AddTicks(-1), clock.TimeZone);
            var launch = launches.Where(at => at >= from).DefaultIfEmpty(DateTime.MaxValue).Min();
            return launch < (scheduled ?? DateTime.MaxValue) ? launch : scheduled;
        };
    }

    private sealed record Launch(int CampaignId, int WorkflowId, int ClientId, DateTime SendAt);

    /// <summary>The scheduled campaigns due within the days ahead, for the clients in their segment now who can receive them.</summary>
    private async Task<List<Launch>> ScheduledCampaignsAsync(GymDbContext db, IQueryable<Client> clients, CancellationToken cancellationToken)
    {
        var end = End;
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Scheduled && c.SendAt <= end)
            .Select(c => new { c.Id, c.WorkflowId, c.SegmentId, c.SendAt }).ToListAsync(cancellationToken);
        var launches = new List<Launch>();
        foreach (var campaign in campaigns)
        {
            var members = await (await CampaignLauncher.RecipientsAsync(db, segments, campaign.SegmentId, cancellationToken)).Where(c => clients.Any(x => x.Id == c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
            launches.AddRange(members.Select(id => new Launch(campaign.Id, campaign.WorkflowId, id, campaign.SendAt ?? clock.UtcNow)));
        }

        return launches;
    }

    /// <summary>Each branching step's yes answers known today among the enrolments: one query per step.</summary>
    private async Task<HashSet<(long, int)>> YesAsync(GymDbContext db, IEnumerable<EmailWorkflow> workflows, List<long> enrolmentIds, DateTime now, CancellationToken cancellationToken)
    {
        var yes = new HashSet<(long, int)>();
        foreach (var step in workflows.SelectMany(w => w.Steps).Where(s => s.RemovedAt is null && s.Kind is StepKind.WaitUntil or StepKind.IfElse))
        {
            var mine = db.WorkflowEnrolments.AsNoTracking().Where(e => e.WorkflowId == step.WorkflowId && enrolmentIds.Contains(e.Id));
            yes.UnionWith((await conditions.Yes(db, mine, step, now).Select(e => e.Id).ToListAsync(cancellationToken)).Select(id => (id, step.Id)));
        }

        return yes;
    }
}
