using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Jobs;

/// <summary>
/// Runs a job's work under a database lease (so it never runs twice at once, on any instance) and records the run:
/// start, end, items processed, outcome, error, the process that ran it and its last heartbeat; then tells open
/// screens it finished. A live run renews its lease every few seconds; a run whose process died stops renewing it,
/// and the next run takes it over — at once when the dead process was on this machine — and marks the dead run
/// interrupted. A run that finds its lease taken stops its work: two runs never work at once.
/// </summary>
public sealed class JobRunner(
    IDbContextFactory<GymDbContext> dbFactory,
    GymClock clock,
    TimeProvider time,
    LiveFeed feed,
    IOptions<JobsOptions> options,
    ILogger<JobRunner> logger)
{
    public const string LostLeaseError =
        "This run lost its lease (it was paused longer than Jobs:LeaseSeconds and another run took over), so it stopped its work. The next run picks up what is due.";

    public const string StoppedError = "The app stopped during this run. The next run picks up what is due.";

    private readonly RunOwner owner = RunOwner.Current;

    /// <summary>The trigger of a run the scheduler started (the others are "manual" and "cli").</summary>
    public const string ScheduleTrigger = "schedule";

    private TimeSpan Lease => options.Value.Lease;

    public async Task<JobRun> RunAsync(string jobName, string trigger, Func<CancellationToken, Task<int>> work, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = new JobRun
        {
            JobName = jobName,
            Trigger = trigger,
            StartedAt = clock.UtcNow,
            Outcome = JobOutcome.Running,
            Machine = owner.Machine,
            ProcessId = owner.ProcessId,
            ProcessStartedAt = owner.StartedAt,
        };

        // Recorded before the lease is taken, so the lease always names a recorded run.
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        if (!await TryAcquireLeaseAsync(db, run, cancellationToken))
        {
            return await SkipAsync(db, run, "Another run of this job was still in progress.");
        }

        if (trigger == ScheduleTrigger && await OccurrenceRanAsync(db, run, cancellationToken))
        {
            await ReleaseLeaseAsync(db, run);
            return await SkipAsync(db, run, "This occurrence already ran on another instance.");
        }

        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(run, leaseLost, stopHeartbeat.Token);
        try
        {
            run.ItemsProcessed = await work(leaseLost.Token);
            run.Outcome = JobOutcome.Succeeded;
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            // Our own cancellation: the lease was lost or the app is stopping. Recorded below.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed", jobName);
            run.Outcome = JobOutcome.Failed;
            run.Error = ex.Message.Length > 4000 ? ex.Message[..4000] : ex.Message;
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
            // Released only if still ours: a run whose lease was taken over did not finish as the sole runner.
            var stillHeld = await ReleaseLeaseAsync(db, run);
            if (!stillHeld)
            {
                logger.LogWarning("Job {Job} lost its lease during run {Run}; its work was stopped", jobName, run.Id);
                (run.Outcome, run.Error) = (JobOutcome.Interrupted, LostLeaseError);
            }
            else if (run.Outcome == JobOutcome.Running)
            {
                (run.Outcome, run.Error) = (JobOutcome.Interrupted, StoppedError);
            }

            run.FinishedAt = clock.UtcNow;
            await db.SaveChangesAsync(CancellationToken.None);
        }

        Publish(run);
        if (run.Outcome == JobOutcome.Interrupted && cancellationToken.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return run;
    }

    private void Publish(JobRun run) =>
        feed.Publish([new JobRunFinished(run.FinishedAt ?? clock.UtcNow, run.JobName, run.Outcome, run.ItemsProcessed)]);

    /// <summary>
    /// Whether another instance's scheduler already ran this occurrence (the same minute) and succeeded (one that failed
    /// may be tried again: jobs work from what is due). Every instance
    /// schedules every job; the lease keeps two runs apart, and this keeps the later one from running the occurrence
    /// again once the first has finished. Checked under the lease, so two instances cannot both find it not run.
    /// </summary>
    private static async Task<bool> OccurrenceRanAsync(GymDbContext db, JobRun run, CancellationToken cancellationToken)
    {
        var occurrence = new DateTime(run.StartedAt.Ticks - (run.StartedAt.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        var next = occurrence.AddMinutes(1);
        return await db.JobRuns.AnyAsync(
            r => r.JobName == run.JobName && r.Id != run.Id && r.Trigger == ScheduleTrigger && r.StartedAt >= occurrence && r.StartedAt < next
                && r.Outcome == JobOutcome.Succeeded,
            cancellationToken);
    }

    private async Task<JobRun> SkipAsync(GymDbContext db, JobRun run, string reason)
    {
        run.Outcome = JobOutcome.Skipped;
        run.FinishedAt = clock.UtcNow;
        run.Error = reason;
        await db.SaveChangesAsync(CancellationToken.None);
        Publish(run);
        return run;
    }

    /// <summary>
    /// Takes the job's lease if it is free, expired, or held by a run whose process is known dead; then marks that
    /// run interrupted. The take is a compare-and-set on the lease as it was read, so of two runs that both saw it
    /// free only one gets it, in this process or any other.
    /// </summary>
    private async Task<bool> TryAcquireLeaseAsync(GymDbContext db, JobRun run, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var lease = await db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.JobName == run.JobName, cancellationToken);
        if (lease is null)
        {
            db.JobLeases.Add(new JobLease { JobName = run.JobName, Owner = owner.ToString(), RunId = run.Id, LeasedUntil = now + Lease });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another instance inserted the lease between our check and our insert.
                db.ChangeTracker.Clear();
                db.JobRuns.Attach(run);
                return false;
            }
        }

        var holder = lease.RunId is { } heldBy
            ? await db.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == heldBy, cancellationToken)
            : null;
        var expired = lease.LeasedUntil <= now;
        var deadHere = !expired && holder is not null && RunOwner.Of(holder)?.IsKnownDead() == true;
        if (!expired && !deadHere)
        {
            return false;
        }

        var taken = await db.JobLeases
            .Where(l => l.JobName == run.JobName && l.RunId == lease.RunId && l.Owner == lease.Owner && l.LeasedUntil == lease.LeasedUntil)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner.ToString()).SetProperty(l => l.RunId, run.Id).SetProperty(l => l.LeasedUntil, now + Lease), cancellationToken);
        if (taken == 0)
        {
            return false;
        }

        if (holder is { Outcome: JobOutcome.Running })
        {
            var error = deadHere
                ? $"Its process ({RunOwner.Of(holder)}) ended before the run finished; the next run took over."
                : $"It stopped renewing its lease (last heartbeat {Stamp(holder.LastHeartbeatAt)}); the next run took over.";
            logger.LogWarning("Job {Job}: run {Run} was interrupted: {Error}", run.JobName, holder.Id, error);
            await MarkInterruptedAsync(db, [holder.Id], now, error, cancellationToken);
        }

        return true;
    }

    /// <summary>Marks runs interrupted (when found dead: now), keeping their last heartbeat; runs that ended meanwhile stay as they are.</summary>
    internal static Task<int> MarkInterruptedAsync(GymDbContext db, IReadOnlyCollection<long> runIds, DateTime now, string error, CancellationToken cancellationToken) =>
        db.JobRuns
            .Where(r => runIds.Contains(r.Id) && r.Outcome == JobOutcome.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, JobOutcome.Interrupted).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, error), cancellationToken);

    private static string Stamp(DateTime? utc) => utc is { } at ? $"{at:yyyy-MM-dd HH:mm:ss} UTC" : "never";

    /// <summary>Renews the lease every heartbeat until stopped; cancels the work when the lease turns out to be someone else's.</summary>
    private async Task HeartbeatAsync(JobRun run, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (!await RenewAsync(run, stop))
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The work ended.
        }
    }

    /// <summary>Extends the lease if this run still holds it. A write that fails (a busy database) is retried at the next beat.</summary>
    private async Task<bool> RenewAsync(JobRun run, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.UtcNow;
            var renewed = await db.JobLeases
                .Where(l => l.JobName == run.JobName && l.RunId == run.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeasedUntil, now + Lease), cancellationToken);
            if (renewed == 0)
            {
                return false;
            }

            await db.JobRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastHeartbeatAt, now), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Job {Job}: run {Run} could not renew its lease; retrying at the next heartbeat", run.JobName, run.Id);
            return true;
        }
    }

    /// <summary>Frees the lease if this run still holds it; false if another run had taken it over.</summary>
    private async Task<bool> ReleaseLeaseAsync(GymDbContext db, JobRun run)
    {
        var now = clock.UtcNow;
        var released = await db.JobLeases
            .Where(l => l.JobName == run.JobName && l.RunId == run.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeasedUntil, now), CancellationToken.None);
        return released == 1;
    }
}
