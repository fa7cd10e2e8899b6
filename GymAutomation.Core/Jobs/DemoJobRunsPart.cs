using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Jobs;

/// <summary>
/// The demo gym's month of job runs, written after every other part: each enabled job at each time its schedule fired
/// in the last <see cref="DemoJobHistory.Days"/> days, with the items and duration the parts reported for the work they
/// wrote (<see cref="DemoSeedContext.JobRuns"/>) — a run nothing was reported for found nothing to do — and the runs
/// someone started by hand. Added only when no run is recorded yet.
/// </summary>
internal sealed class DemoJobRunsPart(JobCatalog catalog, GymClock clock) : IDemoPart
{
    public int Order => DemoPartOrder.JobRuns;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var db = demo.Db;
        if (await db.JobRuns.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.UtcNow;
        var from = now.AddDays(-DemoJobHistory.Days);
        var random = new Random(DemoSeeds.JobRuns);
        var runs = new List<DemoJobRun>();
        foreach (var job in catalog.Jobs.Where(j => j.Enabled))
        {
            var reported = demo.JobRuns.Where(r => r.JobName == job.Name && r.StartedAt > from && r.StartedAt + r.Took <= now).ToList();
            var reportedTimes = reported.Where(r => r.Trigger == "schedule").Select(r => r.StartedAt).ToHashSet();
            runs.AddRange(reported);
            runs.AddRange(DemoJobHistory.Runs(job, clock.TimeZone, from, now)
                .Where(at => !reportedTimes.Contains(at))
                .Select(at => new DemoJobRun(job.Name, at, 0, TimeSpan.FromMilliseconds(random.Next(120, 900))))
                .Where(r => r.StartedAt + r.Took <= now));
        }

        // In the order they ran, so that ids grow with time as they do live (the jobs page lists the latest ids first).
        demo.Count("job runs", await db.InsertManyAsync(runs.OrderBy(r => r.StartedAt).ThenBy(r => r.JobName, StringComparer.Ordinal).Select(Recorded), cancellationToken));
    }

    private static JobRun Recorded(DemoJobRun run) => new()
    {
        JobName = run.JobName,
        Trigger = run.Trigger,
        StartedAt = run.StartedAt,
        FinishedAt = run.StartedAt + run.Took,
        Outcome = run.Error is null ? JobOutcome.Succeeded : JobOutcome.Failed,
        ItemsProcessed = run.Items,
        Error = run.Error,
        Machine = Environment.MachineName,
    };
}
