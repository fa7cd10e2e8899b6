using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Jobs;

/// <summary>
/// Runs a job's work under a database lease (so it never runs twice at once, on any instance)
/// and records the run: start, end, items processed, outcome, error; then tells open screens it finished.
/// </summary>
public sealed class JobRunner(
    IDbContextFactory<GymDbContext> dbFactory,
    GymClock clock,
    LiveFeed feed,
    IOptions<JobsOptions> options,
    ILogger<JobRunner> logger)
{
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<JobRun> RunAsync(string jobName, string trigger, Func<CancellationToken, Task<int>> work, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = new JobRun { JobName = jobName, Trigger = trigger, StartedAt = clock.UtcNow, Outcome = JobOutcome.Running };

        if (!await TryAcquireLeaseAsync(db, jobName, cancellationToken))
        {
            run.Outcome = JobOutcome.Skipped;
            run.FinishedAt = clock.UtcNow;
            run.Error = "Another run of this job was still in progress.";
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            Publish(run);
            return run;
        }

        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            run.ItemsProcessed = await work(cancellationToken);
            run.Outcome = JobOutcome.Succeeded;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Job {Job} failed", jobName);
            run.Outcome = JobOutcome.Failed;
            run.Error = ex.Message.Length > 4000 ? ex.Message[..4000] : ex.Message;
        }
        finally
        {
            run.FinishedAt = clock.UtcNow;
            await db.SaveChangesAsync(CancellationToken.None);
            await ReleaseLeaseAsync(db, jobName);
        }

        Publish(run);
        return run;
    }

    private void Publish(JobRun run) =>
        feed.Publish([new JobRunFinished(run.FinishedAt ?? clock.UtcNow, run.JobName, run.Outcome, run.ItemsProcessed)]);

    private async Task<bool> TryAcquireLeaseAsync(GymDbContext db, string jobName, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var until = now.AddMinutes(options.Value.LeaseMinutes);
        var taken = await db.JobLeases
            .Where(l => l.JobName == jobName && l.LeasedUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.LeasedUntil, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.JobLeases.AnyAsync(l => l.JobName == jobName, cancellationToken))
        {
            return false;
        }

        db.JobLeases.Add(new JobLease { JobName = jobName, Owner = owner, LeasedUntil = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the lease between our check and our insert.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task ReleaseLeaseAsync(GymDbContext db, string jobName)
    {
        var now = clock.UtcNow;
        await db.JobLeases
            .Where(l => l.JobName == jobName && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeasedUntil, now), CancellationToken.None);
    }
}
