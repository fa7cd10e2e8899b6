using GymAutomation.Core.Data;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Diagnostics;

/// <summary>Something that explains why workflows do not send, scores do not move or alerts do not appear.</summary>
public enum TroubleshootingIssue
{
    NoActiveWorkflows,
    WorkflowJobDisabled,
    WorkflowJobNeverRan,

    /// <summary>The sending job's last run was interrupted (its process died or stopped); the next run picks up what is due.</summary>
    WorkflowJobInterrupted,
    WorkflowJobFailed,
    SendsFailed,
    SendsUnconfirmed,
    SendsRetrying,
    NoActiveScoringRules,
    EventsParked,
    EventsWaiting,
    NoActiveRetentionRules,
    NoCurrentMembers,
    RetentionJobDisabled,
    RetentionJobNeverRan,

    /// <summary>The retention check's last run was interrupted; the next run picks up what is due.</summary>
    RetentionJobInterrupted,
    RetentionJobFailed,
}

/// <summary>A job's latest recorded run.</summary>
public sealed record LastJobRun(DateTime StartedAt, DateTime? FinishedAt, JobOutcome Outcome, int Items, string? Error);

/// <summary>"Workflows are not sending": what the sending depends on.</summary>
public sealed record WorkflowsCheck(
    int ActiveWorkflows,
    int EnrolmentsInProgress,
    int StepsDueNow,
    LastJobRun? LastRun,
    bool JobEnabled,
    int SendsFailedLastDay,
    RetryingSends? Retrying,
    int UnconfirmedSends,
    TimeOnly WindowStart,
    TimeOnly WindowEnd,
    bool InWindow,
    IReadOnlyList<TroubleshootingIssue> Issues)
{
    public bool Ok => Issues.Count == 0;
}

/// <summary>Emails waiting for a retry: how many, since when the oldest has waited, and the latest failure: its kind (when kept) and the server's words.</summary>
public sealed record RetryingSends(int Count, DateTime Since, EmailFailure? LastFailure, string? LastError);

/// <summary>"Scores are not updating": the rules, and whether the events reach the engines.</summary>
public sealed record ScoringCheck(int ActiveRules, int PendingEvents, int ParkedEvents, DateTime? LastProcessedAt, IReadOnlyList<TroubleshootingIssue> Issues)
{
    public bool Ok => Issues.Count == 0;
}

/// <summary>"No alerts appear": the rules, the members they look at and the daily check.</summary>
public sealed record AlertsCheck(int ActiveRules, int CurrentMembers, LastJobRun? LastRun, bool JobEnabled, int OpenAlerts, IReadOnlyList<TroubleshootingIssue> Issues)
{
    public bool Ok => Issues.Count == 0;
}

public sealed record TroubleshootingReport(WorkflowsCheck Workflows, ScoringCheck Scoring, AlertsCheck Alerts);

/// <summary>
/// Answers the three questions staff ask when automation seems stuck, from live data: counts and latest rows only,
/// a query each, whatever the size of the gym.
/// </summary>
public sealed class Troubleshooting(IDbContextFactory<GymDbContext> dbFactory, JobCatalog catalog, GymClock clock, IOptions<WorkflowsOptions> workflowOptions)
{
    /// <summary>An event still pending after this long is stuck, not merely on its way.</summary>
    public static readonly TimeSpan EventDelay = TimeSpan.FromMinutes(5);

    public async Task<TroubleshootingReport> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        return new TroubleshootingReport(
            await WorkflowsAsync(db, now, cancellationToken),
            await ScoringAsync(db, now, cancellationToken),
            await AlertsAsync(db, cancellationToken));
    }

    private async Task<WorkflowsCheck> WorkflowsAsync(GymDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var active = await db.EmailWorkflows.CountAsync(w => w.IsActive, cancellationToken);
        var inProgress = await db.WorkflowEnrolments.CountAsync(e => e.Status == EnrolmentStatus.Active, cancellationToken);
        var due = await db.WorkflowEnrolments.CountAsync(e => e.Status == EnrolmentStatus.Active && e.NextDueAt != null && e.NextDueAt <= now, cancellationToken);
        var since = now.AddDays(-1);
        var failed = await db.EmailSends.CountAsync(s => s.Status == EmailSendStatus.Failed && s.ClaimedAt >= since, cancellationToken);
        var unconfirmed = await db.EmailSends.CountAsync(s => s.Status == EmailSendStatus.Unconfirmed, cancellationToken);
        var retrying = await RetryingAsync(db, cancellationToken);
        var lastRun = await LastRunAsync(db, ProcessEmailWorkflowsJob.JobName, cancellationToken);
        var enabled = catalog.Find(ProcessEmailWorkflowsJob.JobName)?.Enabled ?? false;
        var options = workflowOptions.Value;

        var issues = new List<TroubleshootingIssue>();
        Add(issues, active == 0, TroubleshootingIssue.NoActiveWorkflows);
        Add(issues, !enabled, TroubleshootingIssue.WorkflowJobDisabled);
        Add(issues, lastRun is null, TroubleshootingIssue.WorkflowJobNeverRan);
        Add(issues, lastRun?.Outcome == JobOutcome.Interrupted, TroubleshootingIssue.WorkflowJobInterrupted);
        Add(issues, lastRun?.Outcome == JobOutcome.Failed, TroubleshootingIssue.WorkflowJobFailed);
        Add(issues, failed > 0, TroubleshootingIssue.SendsFailed);
        Add(issues, unconfirmed > 0, TroubleshootingIssue.SendsUnconfirmed);
        Add(issues, retrying is not null, TroubleshootingIssue.SendsRetrying);
        return new WorkflowsCheck(
            active, inProgress, due, lastRun, enabled, failed, retrying, unconfirmed, options.SendWindowStart, options.SendWindowEnd,
            options.IsInWindow(TimeOnly.FromDateTime(clock.LocalNow)), issues);
    }

    /// <summary>Null when no email waits for a retry. "Since" is the oldest one's claim: its first attempt followed it.</summary>
    private static async Task<RetryingSends?> RetryingAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        var retrying = db.EmailSends.Where(s => s.Status == EmailSendStatus.Retrying);
        var count = await retrying.CountAsync(cancellationToken);
        if (count == 0)
        {
            return null;
        }

        var since = await retrying.MinAsync(s => s.ClaimedAt, cancellationToken);
        var last = await retrying.OrderByDescending(s => s.AttemptStartedAt).ThenByDescending(s => s.Id)
            .Select(s => new { s.Failure, s.Error })
            .FirstAsync(cancellationToken);
        return new RetryingSends(count, since, last.Failure, last.Error);
    }

    private static async Task<ScoringCheck> ScoringAsync(GymDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var rules = await db.ScoringRules.CountAsync(r => r.IsActive, cancellationToken);
        var pending = await db.ClientEvents.CountAsync(e => e.Status == EventStatus.Pending, cancellationToken);
        var late = now - EventDelay;
        var waiting = await db.ClientEvents.AnyAsync(e => e.Status == EventStatus.Pending && e.RecordedAt <= late, cancellationToken);
        var parked = await db.ClientEvents.CountAsync(e => e.Status == EventStatus.Parked, cancellationToken);
        var lastProcessed = await db.ClientEvents.Where(e => e.Status == EventStatus.Processed).MaxAsync(e => e.ProcessedAt, cancellationToken);

        var issues = new List<TroubleshootingIssue>();
        Add(issues, rules == 0, TroubleshootingIssue.NoActiveScoringRules);
        Add(issues, parked > 0, TroubleshootingIssue.EventsParked);
        Add(issues, waiting, TroubleshootingIssue.EventsWaiting);
        return new ScoringCheck(rules, pending, parked, lastProcessed, issues);
    }

    private async Task<AlertsCheck> AlertsAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.RetentionRules.CountAsync(r => r.IsActive, cancellationToken);
        var today = clock.Today;
        var members = await MemberFacts.CountAsync(db, today, cancellationToken);
        var open = await db.RetentionAlerts.CountAsync(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress, cancellationToken);
        var lastRun = await LastRunAsync(db, CheckRetentionAlertsJob.JobName, cancellationToken);
        var enabled = catalog.Find(CheckRetentionAlertsJob.JobName)?.Enabled ?? false;

        var issues = new List<TroubleshootingIssue>();
        Add(issues, rules == 0, TroubleshootingIssue.NoActiveRetentionRules);
        Add(issues, members == 0, TroubleshootingIssue.NoCurrentMembers);
        Add(issues, !enabled, TroubleshootingIssue.RetentionJobDisabled);
        Add(issues, lastRun is null, TroubleshootingIssue.RetentionJobNeverRan);
        Add(issues, lastRun?.Outcome == JobOutcome.Interrupted, TroubleshootingIssue.RetentionJobInterrupted);
        Add(issues, lastRun?.Outcome == JobOutcome.Failed, TroubleshootingIssue.RetentionJobFailed);
        return new AlertsCheck(rules, members, lastRun, enabled, open, issues);
    }

    private static Task<LastJobRun?> LastRunAsync(GymDbContext db, string jobName, CancellationToken cancellationToken) =>
        db.JobRuns
            .Where(r => r.JobName == jobName && r.Outcome != JobOutcome.Running)
            .OrderByDescending(r => r.Id)
            .Select(r => new LastJobRun(r.StartedAt, r.FinishedAt, r.Outcome, r.ItemsProcessed, r.Error))
            .FirstOrDefaultAsync(cancellationToken);

    private static void Add(List<TroubleshootingIssue> issues, bool when, TroubleshootingIssue issue)
    {
        if (when)
        {
            issues.Add(issue);
        }
    }
}
