using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GymAutomation.Core.Jobs;

/// <summary>
/// At start-up, marks interrupted the runs still recorded as running whose process is gone — this machine's, after a
/// kill or a power cut — and frees their leases, so the jobs page never shows a dead run running and the next run
/// starts at once. Runs of other machines are left to their heartbeat. A run recorded before runs named their
/// process is interrupted once its job's lease is free.
/// </summary>
internal sealed class InterruptedRunsSweep(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, ILogger<InterruptedRunsSweep> logger) : IStartupTask
{
    /// <summary>First: runs a dead process left behind are marked interrupted before any other task or job starts one.</summary>
    public int Order => 100;

    public static string ErrorFor(string owner) => $"Its process ({owner}) ended before the run finished; found at start-up.";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        var machine = RunOwner.Current.Machine;
        var running = await db.JobRuns.AsNoTracking()
            .Where(r => r.Outcome == JobOutcome.Running && (r.Machine == machine || r.Machine == null))
            .ToListAsync(cancellationToken);
        if (running.Count == 0)
        {
            return;
        }

        var held = await db.JobLeases.Where(l => l.LeasedUntil > now).Select(l => l.JobName).ToListAsync(cancellationToken);
        foreach (var run in running)
        {
            var owner = RunOwner.Of(run);
            if (owner is null ? held.Contains(run.JobName) : !owner.IsKnownDead())
            {
                continue;
            }

            var ownerText = owner?.ToString() ?? "unknown";
            await JobRunner.MarkInterruptedAsync(db, [run.Id], now, ErrorFor(ownerText), cancellationToken);
            await db.JobLeases.Where(l => l.RunId == run.Id && l.LeasedUntil > now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeasedUntil, now), cancellationToken);
            logger.LogWarning("Job {Job}: run {Run} of a process that is gone ({Owner}) was marked interrupted", run.JobName, run.Id, ownerText);
        }
    }
}
