using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Dashboard;

/// <summary>
/// The managers' dashboard figures, read set-based (a statement per group of figures, never one per client) in the
/// gym's time zone. "Today" and "the last N days" are gym days: the last 7 days are today and the 6 days before it,
/// from the start of the first at the gym up to now, compared with the 7 whole days before them. A "stock" figure
/// (what is open now) is compared with the same figure as of 7 days ago, rebuilt from when things opened and closed:
/// an alert was open at <c>t</c> when <c>CreatedAt ≤ t</c> and it was not closed by then (<c>ClosedAt</c> null or after
/// <c>t</c>). Figures with no history to rebuild them from have no previous value, and the screen shows no trend.
/// <list type="bullet">
/// <item><see cref="DashboardSnapshot.ActiveWorkflows"/>: email workflows switched on; previous: those whose last
/// <see cref="ActivationChange"/> by a week ago switched them on; no trend when the history does not reach back then
/// (nothing recorded by then, or a workflow created by then without a line by then).</item>
/// <item><see cref="DashboardSnapshot.EnrolmentsInProgress"/>: enrolments still active; previous: enrolled by a week ago and not ended by then.</item>
/// <item><see cref="DashboardSnapshot.EmailsToday"/>: emails sent since the start of the gym day; previous: the whole of yesterday.</item>
/// <item><see cref="DashboardSnapshot.EmailsLast7Days"/>: emails sent in the last 7 days; previous: the 7 days before.</item>
/// <item><see cref="DashboardSnapshot.OpenRate"/> and <see cref="DashboardSnapshot.ClickRate"/>: of the emails sent in the last
/// 7 days, the share opened (clicked) so far; previous: the same for the 7 days before; null without emails.</item>
/// <item><see cref="DashboardSnapshot.ActiveScoringRules"/>: scoring rules switched on; previous: as for workflows.</item>
/// <item><see cref="DashboardSnapshot.LeadsScored"/>: leads whose score is above zero; previous: the same leads whose score
/// in the ledger was above zero a week ago.</item>
/// <item><see cref="DashboardSnapshot.HotLeads"/>: leads at the Hot lead stage; previous: clients whose last
/// <see cref="StageChange"/> by a week ago was to Hot lead (a lead converted since counts: it was hot then); no trend
/// when the stage history starts after then.</item>
/// <item><see cref="DashboardSnapshot.Conversions"/>: leads who became members in the last 30 days — clients whose first
/// <c>MEMBERSHIP_CREATED</c> event falls there and who had a <c>LEAD_CREATED</c> event before it; previous: the 30 days before.</item>
/// <item><see cref="DashboardSnapshot.OpenAlerts"/>: alerts open or in progress; previous: open a week ago.</item>
/// <item><see cref="DashboardSnapshot.HighRiskOpenAlerts"/>: open alerts of risk from <see cref="RetentionOptions.HighRiskFrom"/>;
/// previous: open a week ago with that risk today (a risk raised since counts as it is now).</item>
/// <item><see cref="DashboardSnapshot.UnassignedOpenAlerts"/>: open alerts nobody is assigned to; previous: open a week ago
/// and unassigned then — their last Assigned or Unassigned line by then was not Assigned (the scan opens alerts unassigned).</item>
/// <item><see cref="DashboardSnapshot.ResolvedThisWeek"/>: alerts resolved (not dismissed) since Monday 00:00 at the gym;
/// previous: the same span of last week (Monday 00:00 to this moment a week ago).</item>
/// <item><see cref="DashboardSnapshot.MedianHoursToResolve"/>: median hours from opened to resolved of the alerts resolved in
/// the last 30 days; previous: of those resolved in the 30 days before; null without any. One closed before it
/// was opened is left out.</item>
/// <item><see cref="DashboardSnapshot.MembersAtRisk"/>: of the members with a current membership, the share with an open
/// alert; previous: the same a week ago, from membership dates (as stored today) and alerts open then; null without members.</item>
/// </list>
/// Charts: alerts opened and resolved per gym day and emails sent per gym day, both over the last 30 days; leads by
/// score (<see cref="LeadScores.DistributionAsync"/>); members with a current membership by gym days since their last
/// visit (0–7, 8–14, 15–30, 31–60, 61+, never).
/// </summary>
public sealed class DashboardKpis(IDbContextFactory<GymDbContext> dbFactory, LeadScores scores, GymClock clock, IOptions<RetentionOptions> retention)
{
    public const int ChartDays = 30;

    /// <summary>The chart's buckets of gym days since the last visit; <see cref="SnapshotAsync"/> counts them in SQL with the same bounds.</summary>
    private static readonly (int From, int? To)[] RecencyBuckets = [(0, 7), (8, 14), (15, 30), (31, 60), (61, null)];

    public async Task<DashboardSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var weekAgo = now.AddDays(-7);
        var highRisk = retention.Value.HighRiskFrom;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var activeWorkflows = await db.EmailWorkflows.Sequences().CountAsync(w => w.IsActive, cancellationToken);
        var activeWorkflowsThen = await ActiveThenAsync(
            db.EmailWorkflows.Sequences().Select(w => new Subject { Id = w.Id, CreatedAt = w.CreatedAt }),
            db.ActivationChanges.Where(a => a.WorkflowId != null).Select(a => new Switch { SubjectId = a.WorkflowId!.Value, Active = a.Active, At = a.At, Id = a.Id }),
            weekAgo,
            cancellationToken);
        var enrolments = await db.WorkflowEnrolments
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Now = g.Count(e => e.Status == EnrolmentStatus.Active),
                Then = g.Count(e => e.EnrolledAt <= weekAgo && (e.EndedAt == null || e.EndedAt > weekAgo)),
            })
            .SingleOrDefaultAsync(cancellationToken);

        var chartFrom = clock.StartOfDayUtc(today.AddDays(1 - ChartDays));
        var sends = await db.EmailSends
            .Where(s => s.SentAt != null && s.SentAt >= chartFrom && s.SentAt <= now)
            .Select(s => new { SentAt = s.SentAt!.Value, Opened = s.OpenedAt != null, Clicked = s.ClickedAt != null })
            .ToListAsync(cancellationToken);
        var sentDays = sends.Select(s => (Day: DayOf(s.SentAt), s.Opened, s.Clicked)).ToList();
        var last7 = sentDays.Where(s => s.Day > today.AddDays(-7)).ToList();
        var before7 = sentDays.Where(s => s.Day <= today.AddDays(-7) && s.Day > today.AddDays(-14)).ToList();

        var activeRules = await db.ScoringRules.CountAsync(r => r.IsActive, cancellationToken);
        var activeRulesThen = await ActiveThenAsync(
            db.ScoringRules.Select(r => new Subject { Id = r.Id, CreatedAt = r.CreatedAt }),
            db.ActivationChanges.Where(a => a.ScoringRuleId != null).Select(a => new Switch { SubjectId = a.ScoringRuleId!.Value, Active = a.Active, At = a.At, Id = a.Id }),
            weekAgo,
            cancellationToken);
        var leads = db.Clients.Where(c => c.Status == ClientStatus.Lead);
        var leadsScored = await leads.CountAsync(c => db.Set<LeadScore>().Any(s => s.ClientId == c.Id && s.Score > 0), cancellationToken);
        var leadsScoredBefore = await leads.CountAsync(
            c => db.Set<ScoreEntry>().Where(e => e.ClientId == c.Id && e.At <= weekAgo).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.ScoreAfter).FirstOrDefault() > 0,
            cancellationToken);
        var hotLeads = await leads.CountAsync(c => c.Stage == PipelineStage.HotLead, cancellationToken);
        int? hotLeadsThen = await db.StageChanges.AnyAsync(s => s.At <= weekAgo, cancellationToken)
            ? await db.StageChanges.CountAsync(
                s => s.At <= weekAgo && s.ToStage == PipelineStage.HotLead
                    && !db.Set<StageChange>().Any(l => l.ClientId == s.ClientId && l.At <= weekAgo && (l.At > s.At || (l.At == s.At && l.Id > s.Id))),
                cancellationToken)
            : null;

        var conversionsFrom = clock.StartOfDayUtc(today.AddDays(1 - (2 * ChartDays)));
        var conversionsSplit = clock.StartOfDayUtc(today.AddDays(1 - ChartDays));
        var conversions = await db.ClientEvents
            .Where(m => m.Type == ClientEventTypes.MembershipCreated && m.OccurredAt >= conversionsFrom && m.OccurredAt <= now
                && !db.Set<ClientEvent>().Any(o => o.ClientId == m.ClientId && o.Type == ClientEventTypes.MembershipCreated
                    && (o.OccurredAt < m.OccurredAt || (o.OccurredAt == m.OccurredAt && o.Id < m.Id)))
                && db.Set<ClientEvent>().Any(l => l.ClientId == m.ClientId && l.Type == ClientEventTypes.LeadCreated && l.OccurredAt <= m.OccurredAt))
            .Select(m => m.OccurredAt)
            .ToListAsync(cancellationToken);

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var weekFrom = clock.StartOfDayUtc(monday);
        var lastWeekFrom = clock.StartOfDayUtc(monday.AddDays(-7));
        var lastWeekTo = clock.ToUtc(clock.LocalNow.AddDays(-7));
        var alerts = await db.RetentionAlerts
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Open = g.Count(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress),
                OpenThen = g.Count(a => a.CreatedAt <= weekAgo && (a.ClosedAt == null || a.ClosedAt > weekAgo)),
                High = g.Count(a => (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress) && a.RiskScore >= highRisk),
                HighThen = g.Count(a => a.CreatedAt <= weekAgo && (a.ClosedAt == null || a.ClosedAt > weekAgo) && a.RiskScore >= highRisk),
                Unassigned = g.Count(a => (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress) && a.AssignedToId == null),
                ResolvedThisWeek = g.Count(a => a.Status == AlertStatus.Resolved && a.ClosedAt >= weekFrom && a.ClosedAt <= now),
                ResolvedLastWeek = g.Count(a => a.Status == AlertStatus.Resolved && a.ClosedAt >= lastWeekFrom && a.ClosedAt <= lastWeekTo),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var unassignedThen = await db.RetentionAlerts.CountAsync(
            a => a.CreatedAt <= weekAgo && (a.ClosedAt == null || a.ClosedAt > weekAgo)
                && a.Activity
                    .Where(l => l.At <= weekAgo && (l.Kind == AlertActivityKind.Assigned || l.Kind == AlertActivityKind.Unassigned))
                    .OrderByDescending(l => l.At).ThenByDescending(l => l.Id)
                    .Select(l => (AlertActivityKind?)l.Kind)
                    .FirstOrDefault() != AlertActivityKind.Assigned,
            cancellationToken);
        var resolved = await db.RetentionAlerts
            .Where(a => a.Status == AlertStatus.Resolved && a.ClosedAt >= conversionsFrom && a.ClosedAt <= now)
            .Select(a => new { a.CreatedAt, ClosedAt = a.ClosedAt!.Value })
            .ToListAsync(cancellationToken);
        var opened = await db.RetentionAlerts.Where(a => a.CreatedAt >= chartFrom && a.CreatedAt <= now).Select(a => a.CreatedAt).ToListAsync(cancellationToken);

        var weekAgoDay = today.AddDays(-7);
        var openAlerted = db.RetentionAlerts.Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress).Select(a => a.ClientId);
        var bounds = RecencyBuckets.Where(b => b.To is not null).Select(b => RecencyFrom(b.To!.Value)).ToArray();
        var (week, twoWeeks, month, twoMonths) = (bounds[0], bounds[1], bounds[2], bounds[3]);
        // Counts, not a row per member: each member's last visit is the one the database keeps (sought only while it
        // is still ahead of now), and only the tallies come back.
        var members = await MembersOn(db, today)
            .Select(c => new
            {
                Last = c.LastVisitAt == null || c.LastVisitAt <= now ? c.LastVisitAt : c.Visits.Where(v => v.VisitedAt <= now).Max(v => (DateTime?)v.VisitedAt),
                Alerted = openAlerted.Contains(c.Id),
            })
            .GroupBy(_ => 1)
            .Select(g => new
            {
                All = g.Count(),
                AtRisk = g.Count(m => m.Alerted),
                Week = g.Count(m => m.Last >= week),
                TwoWeeks = g.Count(m => m.Last < week && m.Last >= twoWeeks),
                Month = g.Count(m => m.Last < twoWeeks && m.Last >= month),
                TwoMonths = g.Count(m => m.Last < month && m.Last >= twoMonths),
                Longer = g.Count(m => m.Last < twoMonths),
                Never = g.Count(m => m.Last == null),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var membersBefore = await MembersOn(db, weekAgoDay).CountAsync(cancellationToken);
        var membersAtRiskBefore = await MembersOn(db, weekAgoDay).CountAsync(
            c => db.Set<RetentionAlert>().Where(a => a.CreatedAt <= weekAgo && (a.ClosedAt == null || a.ClosedAt > weekAgo)).Select(a => a.ClientId).Contains(c.Id),
            cancellationToken);

        var days = Enumerable.Range(0, ChartDays).Select(i => today.AddDays(i + 1 - ChartDays)).ToList();
        var openedByDay = opened.CountBy(DayOf).ToDictionary();
        var resolvedByDay = resolved.Where(r => r.ClosedAt >= chartFrom).CountBy(r => DayOf(r.ClosedAt)).ToDictionary();
        var sentByDay = sentDays.CountBy(s => s.Day).ToDictionary();
        return new DashboardSnapshot
        {
            At = now,
            ActiveWorkflows = new Kpi(activeWorkflows, activeWorkflowsThen),
            EnrolmentsInProgress = new Kpi(enrolments?.Now ?? 0, enrolments?.Then ?? 0),
            EmailsToday = new Kpi(sentDays.Count(s => s.Day == today), sentDays.Count(s => s.Day == today.AddDays(-1))),
            EmailsLast7Days = new Kpi(last7.Count, before7.Count),
            OpenRate = new Kpi(Share(last7.Count(s => s.Opened), last7.Count), Share(before7.Count(s => s.Opened), before7.Count)),
            ClickRate = new Kpi(Share(last7.Count(s => s.Clicked), last7.Count), Share(before7.Count(s => s.Clicked), before7.Count)),
            ActiveScoringRules = new Kpi(activeRules, activeRulesThen),
            LeadsScored = new Kpi(leadsScored, leadsScoredBefore),
            HotLeads = new Kpi(hotLeads, hotLeadsThen),
            Conversions = new Kpi(conversions.Count(c => c >= conversionsSplit), conversions.Count(c => c < conversionsSplit)),
            OpenAlerts = new Kpi(alerts?.Open ?? 0, alerts?.OpenThen ?? 0),
            HighRiskOpenAlerts = new Kpi(alerts?.High ?? 0, alerts?.HighThen ?? 0),
            UnassignedOpenAlerts = new Kpi(alerts?.Unassigned ?? 0, unassignedThen),
            ResolvedThisWeek = new Kpi(alerts?.ResolvedThisWeek ?? 0, alerts?.ResolvedLastWeek ?? 0),
            MedianHoursToResolve = new Kpi(
                MedianHours(resolved.Where(r => r.ClosedAt >= conversionsSplit).Select(r => r.ClosedAt - r.CreatedAt)),
                MedianHours(resolved.Where(r => r.ClosedAt < conversionsSplit).Select(r => r.ClosedAt - r.CreatedAt))),
            MembersAtRisk = new Kpi(Share(members?.AtRisk ?? 0, members?.All ?? 0), Share(membersAtRiskBefore, membersBefore)),
            AlertDays = days.Select(d => new AlertDay(d, openedByDay.GetValueOrDefault(d), resolvedByDay.GetValueOrDefault(d))).ToList(),
            EmailDays = days.Select(d => new EmailDay(d, sentByDay.GetValueOrDefault(d))).ToList(),
            ScoreBuckets = await scores.DistributionAsync(new LeadFilter(), cancellationToken),
            VisitRecency =
            [
                .. new[] { members?.Week, members?.TwoWeeks, members?.Month, members?.TwoMonths, members?.Longer }
                    .Zip(RecencyBuckets, (count, bucket) => new VisitRecencyBucket(bucket.From, bucket.To, count ?? 0)),
                new VisitRecencyBucket(null, null, members?.Never ?? 0),
            ],
        };
    }

    /// <summary>
    /// How many of the workflows (rules) were active at <paramref name="at"/> by their last switch by then; null when the
    /// history does not tell: no switch by then, or one created by then without a switch by then.
    /// </summary>
    private static async Task<int?> ActiveThenAsync(IQueryable<Subject> subjects, IQueryable<Switch> switches, DateTime at, CancellationToken cancellationToken)
    {
        var known = switches.Where(w => w.At <= at);
        if (!await known.AnyAsync(cancellationToken) || await subjects.AnyAsync(s => s.CreatedAt <= at && !known.Any(w => w.SubjectId == s.Id), cancellationToken))
        {
            return null;
        }

        return await subjects.CountAsync(
            s => known.Where(w => w.SubjectId == s.Id).OrderByDescending(w => w.At).ThenByDescending(w => w.Id).Select(w => (bool?)w.Active).FirstOrDefault() == true,
            cancellationToken);
    }

    private DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(clock.ToLocal(utc));

    /// <summary>The earliest last visit of a member seen at most <paramref name="days"/> gym days ago: the start of that day.</summary>
    private DateTime RecencyFrom(int days) => clock.StartOfDayUtc(clock.Today.AddDays(-days));

    /// <summary>Clients with a membership (trial included) that covers <paramref name="day"/>.</summary>
    private static IQueryable<Client> MembersOn(GymDbContext db, DateOnly day)
    {
        var current = db.Set<Membership>().Where(Membership.CurrentOn(day));
        return db.Clients.Where(c => current.Any(m => m.ClientId == c.Id));
    }

    private sealed class Subject
    {
        public int Id { get; init; }

        public DateTime CreatedAt { get; init; }
    }

    /// <summary>An <see cref="ActivationChange"/> of one kind of subject.</summary>
    private sealed class Switch
    {
        public long Id { get; init; }

        public int SubjectId { get; init; }

        public bool Active { get; init; }

        public DateTime At { get; init; }
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    private static double? MedianHours(IEnumerable<TimeSpan> spans)
    {
        // An alert closed before it was opened (a clock or an import out of step) has no honest duration: left out.
        var hours = spans.Where(s => s >= TimeSpan.Zero).Select(s => s.TotalHours).Order().ToList();
        if (hours.Count == 0)
        {
            return null;
        }

        var middle = hours.Count / 2;
        return hours.Count % 2 == 1 ? hours[middle] : (hours[middle - 1] + hours[middle]) / 2;
    }
}
