using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using GymAutomation.Web.CommandLine;
using GymAutomation.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Jobs;

public static class JobsVerbs
{
    /// <summary>Who asked for a run, as the run's record and the jobs page name it.</summary>
    public const string Trigger = "cli";

    /// <summary><c>jobs list</c>: every job with its schedule, next run and last run, as the jobs page shows them.</summary>
    public static async Task<int> ListAsync(VerbCall call)
    {
        var clock = call.Services.GetRequiredService<GymClock>();
        var text = call.Services.GetRequiredService<IStringLocalizer<JobsText>>();
        var jobs = await call.Services.GetRequiredService<JobsOverview>().ListAsync(recentRuns: 1);
        List<string[]> rows = [["JOB", "ENABLED", "SCHEDULE", "CRON", "NEXT RUN", "LAST RUN", "DURATION", "ITEMS", "OUTCOME"]];
        foreach (var status in jobs)
        {
            var job = status.Job;
            var last = status.RecentRuns.Count > 0 ? status.RecentRuns[0] : null;
            rows.Add(
            [
                job.Name,
                job.Enabled ? "yes" : "no",
                text.Schedule(job.Cron),
                job.Cron,
                status.NextRunUtc is { } next ? Time(clock, next) : "-",
                last is null ? "never" : Time(clock, last.StartedAt),
                last is null ? "-" : Duration(last),
                last is null ? "-" : last.ItemsProcessed.ToString(CultureInfo.InvariantCulture),
                last is null ? "-" : Outcome(clock, last),
            ]);
        }

        await call.Output.WriteLineAsync($"Times are the gym's ({clock.TimeZone.Id}).");
        await call.Output.WriteAsync(TextTable.Format(rows));
        return 0;
    }

    /// <summary><c>jobs run NAME</c>: runs the job now through its lease and records the run, as the jobs page's Run now.</summary>
    public static async Task<int> RunAsync(VerbCall call)
    {
        var catalog = call.Services.GetRequiredService<JobCatalog>();
        if (catalog.Find(call.Arguments[0]) is not { } job)
        {
            await call.Error.WriteLineAsync($"There is no job named \"{call.Arguments[0]}\". The jobs are:");
            foreach (var name in catalog.Jobs.Select(j => j.Name))
            {
                await call.Error.WriteLineAsync($"  {name}");
            }

            return 2;
        }

        var run = await call.Services.GetRequiredService<JobsOverview>().RunNowAsync(job.Name, Trigger);
        await call.Output.WriteLineAsync($"{run.JobName}: {run.Outcome}, {run.ItemsProcessed} items in {Duration(run)}.");
        switch (run.Outcome)
        {
            case JobOutcome.Succeeded:
                return 0;
            case JobOutcome.Skipped:
                await call.Error.WriteLineAsync($"Not run: {run.Error} {await LeaseHolderAsync(call.Services, job.Name)}");
                return 1;
            case JobOutcome.Interrupted:
                await call.Error.WriteLineAsync($"Interrupted: {run.Error}");
                return 1;
            default:
                await call.Error.WriteLineAsync($"Error: {run.Error}");
                return 1;
        }
    }

    private static async Task<string> LeaseHolderAsync(IServiceProvider services, string jobName)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContextAsync();
        var lease = await db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.JobName == jobName);
        if (lease is null)
        {
            return "";
        }

        var clock = services.GetRequiredService<GymClock>();
        var holder = lease.RunId is { } id ? await db.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id) : null;
        var heartbeat = holder?.LastHeartbeatAt is { } at ? $", last heartbeat {Time(clock, at, seconds: true)}" : "";
        return $"Its lease is held by {lease.Owner} until {Time(clock, lease.LeasedUntil, seconds: true)}{heartbeat} (Jobs:LeaseSeconds after each heartbeat).";
    }

    /// <summary>The outcome in words; a run still going or found dead says when it was last known alive.</summary>
    private static string Outcome(GymClock clock, JobRun run)
    {
        var heartbeat = run.LastHeartbeatAt is { } at ? Time(clock, at, seconds: true) : "none";
        return run.Outcome switch
        {
            JobOutcome.Running => $"Running (last heartbeat {heartbeat})",
            JobOutcome.Interrupted => $"Interrupted at {Time(clock, run.FinishedAt ?? run.StartedAt)} (last heartbeat {heartbeat})",
            _ => run.Outcome.ToString(),
        };
    }

    private static string Time(GymClock clock, DateTime utc, bool seconds = false) =>
        clock.ToLocal(utc).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Duration(JobRun run) => run.Duration is not { } d
        ? "-"
        : d.TotalSeconds < 1
            ? $"{d.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms"
            : $"{d.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture)} s";
}
