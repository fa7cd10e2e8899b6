using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Jobs;

/// <summary>A scheduled job as the jobs page shows it: its schedule, its next run and its recent runs.</summary>
public sealed record JobStatus(ScheduledJob Job, DateTime? NextRunUtc, IReadOnlyList<JobRun> RecentRuns);

/// <summary>Reads what ran, when and with what result; runs a job now on request.</summary>
public sealed class JobsOverview(JobCatalog catalog, IDbContextFactory<GymDbContext> dbFactory, GymClock clock, IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<JobStatus>> ListAsync(int recentRuns = 10, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = catalog.Jobs.Select(j => j.Name).ToList();
        var runs = await db.JobRuns.AsNoTracking()
            .Where(r => names.Contains(r.JobName))
            .GroupBy(r => r.JobName)
            .Select(g => new { g.Key, Runs = g.OrderByDescending(r => r.Id).Take(recentRuns).ToList() })
            .ToListAsync(cancellationToken);
        var byName = runs.ToDictionary(r => r.Key, r => (IReadOnlyList<JobRun>)r.Runs);
        return catalog.Jobs
            .Select(j => new JobStatus(j, j.Enabled ? j.NextRunUtc(clock.UtcNow, clock.TimeZone) : null, byName.GetValueOrDefault(j.Name, [])))
            .ToList();
    }

    /// <summary>
    /// Runs a job now, through its lease: if it is already running, the run is recorded as skipped.
    /// <paramref name="trigger"/> is who asked: "manual" (the jobs page) or "cli" (the command line).
    /// </summary>
    public async Task<JobRun> RunNowAsync(string jobName, string trigger = "manual", CancellationToken cancellationToken = default)
    {
        var job = catalog.Find(jobName) ?? throw new ArgumentException($"There is no job named '{jobName}'.", nameof(jobName));
        await using var scope = scopes.CreateAsyncScope();
        var instance = (GymJob)scope.ServiceProvider.GetRequiredService(job.JobType);
        return await instance.RunAsync(trigger, cancellationToken);
    }
}
