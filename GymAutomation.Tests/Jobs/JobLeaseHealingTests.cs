using System.Diagnostics;
using GymAutomation.Core.Data;
using GymAutomation.Core.Jobs;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Jobs;

/// <summary>Heartbeats, and runs whose process died: their lease is taken over and they are marked interrupted.</summary>
public sealed class JobLeaseHealingTests : IAsyncLifetime
{
    private const string Job = "test-job";
    private TestGym gym = null!;

    private JobRunner Runner => gym.Get<JobRunner>();

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_live_run_renews_its_lease_30_s_past_each_heartbeat_every_5_s_and_records_its_process_and_last_heartbeat()
    {
        var start = gym.Clock.UtcNow;

        var run = await Runner.RunAsync(Job, "schedule", async _ =>
        {
            for (var beat = 1; beat <= 3; beat++)
            {
                gym.Time.Advance(TimeSpan.FromSeconds(5));
                var at = start.AddSeconds(5 * beat);
                await WaitUntilAsync(async () => await LeasedUntilAsync() == at.AddSeconds(30) && (await StoredRunAsync(1)).LastHeartbeatAt == at);
            }

            return 2;
        });

        var stored = await StoredRunAsync(run.Id);
        Assert.Equal((JobOutcome.Succeeded, 2), (stored.Outcome, stored.ItemsProcessed));
        Assert.Equal(start.AddSeconds(15), stored.LastHeartbeatAt);
        using var self = Process.GetCurrentProcess();
        Assert.Equal((Environment.MachineName, Environment.ProcessId), (stored.Machine, stored.ProcessId));
        Assert.Equal(self.StartTime.ToUniversalTime(), stored.ProcessStartedAt!.Value, TimeSpan.FromSeconds(1));
        // Released when it finished.
        Assert.Equal(start.AddSeconds(15), await LeasedUntilAsync());
    }

    [Fact]
    public async Task A_lease_of_another_machine_is_respected_while_its_heartbeat_is_fresh_and_taken_over_once_stale_interrupting_that_run()
    {
        var lastHeartbeat = gym.Clock.UtcNow.AddSeconds(-10);
        var remote = await HoldLeaseAsync(new RunOwner("far-away", 4242, lastHeartbeat.AddHours(-1)), lastHeartbeat);

        var worked = false;
        var skipped = await Runner.RunAsync(Job, "schedule", _ =>
        {
            worked = true;
            return Task.FromResult(1);
        });

        Assert.False(worked);
        Assert.Equal(JobOutcome.Skipped, skipped.Outcome);
        Assert.Equal(JobOutcome.Running, (await StoredRunAsync(remote)).Outcome);

        gym.Time.Advance(TimeSpan.FromSeconds(21));
        var next = await Runner.RunAsync(Job, "manual", _ => Task.FromResult(5));

        Assert.Equal(JobOutcome.Succeeded, next.Outcome);
        var interrupted = await StoredRunAsync(remote);
        Assert.Equal(JobOutcome.Interrupted, interrupted.Outcome);
        Assert.Equal(lastHeartbeat.AddSeconds(31), interrupted.FinishedAt);
        Assert.Equal(lastHeartbeat, interrupted.LastHeartbeatAt);
        Assert.Contains("stopped renewing its lease", interrupted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lease_whose_process_on_this_machine_is_gone_is_taken_at_once_and_that_run_interrupted()
    {
        var dead = await DeadProcessAsync();
        var now = gym.Clock.UtcNow;
        var held = await HoldLeaseAsync(dead, now.AddSeconds(-1));

        var run = await Runner.RunAsync(Job, "cli", _ => Task.FromResult(1));

        Assert.Equal(JobOutcome.Succeeded, run.Outcome);
        var interrupted = await StoredRunAsync(held);
        Assert.Equal((JobOutcome.Interrupted, now, now.AddSeconds(-1)), (interrupted.Outcome, interrupted.FinishedAt, interrupted.LastHeartbeatAt));
        Assert.Equal($"Its process ({dead}) ended before the run finished; the next run took over.", interrupted.Error);
    }

    [Fact]
    public async Task A_pid_now_used_by_a_process_started_at_another_time_is_a_dead_owner()
    {
        using var self = Process.GetCurrentProcess();
        var reused = new RunOwner(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime().AddMinutes(-5));
        var held = await HoldLeaseAsync(reused, gym.Clock.UtcNow);

        var run = await Runner.RunAsync(Job, "cli", _ => Task.FromResult(1));

        Assert.Equal(JobOutcome.Succeeded, run.Outcome);
        Assert.Equal(JobOutcome.Interrupted, (await StoredRunAsync(held)).Outcome);
    }

    [Fact]
    public async Task A_lease_held_by_a_live_process_of_this_machine_is_respected_however_old_its_heartbeat_within_the_lease()
    {
        var held = await HoldLeaseAsync(RunOwner.Current, gym.Clock.UtcNow.AddSeconds(-25));

        var run = await Runner.RunAsync(Job, "cli", _ => Task.FromResult(1));

        Assert.Equal(JobOutcome.Skipped, run.Outcome);
        Assert.Equal(JobOutcome.Running, (await StoredRunAsync(held)).Outcome);
    }

    [Fact]
    public async Task The_start_up_sweep_interrupts_this_machines_runs_whose_process_is_gone_and_frees_their_leases()
    {
        var dead = await DeadProcessAsync();
        var deadRun = await HoldLeaseAsync(dead, gym.Clock.UtcNow.AddSeconds(-3));
        var remoteRun = await HoldLeaseAsync(new RunOwner("far-away", dead.ProcessId, dead.StartedAt), gym.Clock.UtcNow, "remote-job");
        var liveRun = await HoldLeaseAsync(RunOwner.Current, gym.Clock.UtcNow, "live-job");
        long legacyRun;
        await using (var db = gym.CreateDb())
        {
            var legacy = new JobRun { JobName = "legacy-job", Trigger = "schedule", StartedAt = gym.Clock.UtcNow.AddDays(-2), Outcome = JobOutcome.Running };
            db.JobRuns.Add(legacy);
            await db.SaveChangesAsync();
            legacyRun = legacy.Id;
        }

        gym.Time.Advance(TimeSpan.FromSeconds(2));
        var now = gym.Clock.UtcNow;
        await gym.Services.GetServices<IStartupTask>().OfType<InterruptedRunsSweep>().Single().RunAsync(CancellationToken.None);

        var swept = await StoredRunAsync(deadRun);
        Assert.Equal((JobOutcome.Interrupted, now), (swept.Outcome, swept.FinishedAt));
        Assert.Equal($"Its process ({dead}) ended before the run finished; found at start-up.", swept.Error);
        Assert.Equal(JobOutcome.Interrupted, (await StoredRunAsync(legacyRun)).Outcome);
        Assert.Equal(JobOutcome.Running, (await StoredRunAsync(remoteRun)).Outcome);
        Assert.Equal(JobOutcome.Running, (await StoredRunAsync(liveRun)).Outcome);
        Assert.Equal(now, await LeasedUntilAsync());
        Assert.Equal(JobOutcome.Succeeded, (await Runner.RunAsync(Job, "schedule", _ => Task.FromResult(0))).Outcome);
    }

    [Fact]
    public async Task A_run_that_finds_its_lease_taken_at_a_heartbeat_stops_its_work_and_is_recorded_interrupted()
    {
        var stopped = false;
        var run = await Runner.RunAsync(Job, "schedule", async ct =>
        {
            // Paused longer than the lease: another instance took the job over meanwhile.
            await using (var db = gym.CreateDb())
            {
                await db.JobLeases.ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, 999_999).SetProperty(l => l.Owner, "far-away:7"), ct);
            }

            gym.Time.Advance(TimeSpan.FromSeconds(5));
            try
            {
                // Work that only a cancellation ends; bounded, so a run never stopped fails the test instead of hanging it.
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }
            catch (OperationCanceledException)
            {
                stopped = true;
                throw;
            }

            return 1;
        });

        Assert.True(stopped);
        var stored = await StoredRunAsync(run.Id);
        Assert.Equal((JobOutcome.Interrupted, gym.Clock.UtcNow, 0), (stored.Outcome, stored.FinishedAt, stored.ItemsProcessed));
        Assert.Equal(JobRunner.LostLeaseError, stored.Error);
        await using var check = gym.CreateDb();
        var lease = await check.JobLeases.SingleAsync();
        Assert.Equal((999_999L, "far-away:7"), (lease.RunId, lease.Owner));
    }

    [Fact]
    public async Task A_run_stopped_by_the_app_shutting_down_is_recorded_interrupted_and_frees_its_lease()
    {
        using var shutdown = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner.RunAsync(Job, "schedule", async ct =>
        {
            await shutdown.CancelAsync();
            // Work that only a cancellation ends; bounded, so a run never stopped fails the test instead of hanging it.
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return 1;
        }, shutdown.Token));

        await using var db = gym.CreateDb();
        var stored = await db.JobRuns.SingleAsync();
        Assert.Equal((JobOutcome.Interrupted, JobRunner.StoppedError), (stored.Outcome, stored.Error));
        Assert.Equal(gym.Clock.UtcNow, await LeasedUntilAsync());
    }

    /// <summary>A process of this machine that has ended: started, killed and reaped, so its pid names nothing (or a later process).</summary>
    internal static async Task<RunOwner> DeadProcessAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var owner = new RunOwner(Environment.MachineName, process.Id, process.StartTime.ToUniversalTime());
        process.Kill();
        await process.WaitForExitAsync();
        return owner;
    }

    /// <summary>A running run of <paramref name="owner"/> holding the job's lease, its last heartbeat at <paramref name="heartbeat"/>.</summary>
    private async Task<long> HoldLeaseAsync(RunOwner owner, DateTime heartbeat, string job = Job)
    {
        await using var db = gym.CreateDb();
        var run = new JobRun
        {
            JobName = job,
            Trigger = "schedule",
            StartedAt = heartbeat.AddMinutes(-1),
            Outcome = JobOutcome.Running,
            Machine = owner.Machine,
            ProcessId = owner.ProcessId,
            ProcessStartedAt = owner.StartedAt,
            LastHeartbeatAt = heartbeat,
        };
        db.JobRuns.Add(run);
        await db.SaveChangesAsync();
        db.JobLeases.Add(new JobLease { JobName = job, Owner = owner.ToString(), RunId = run.Id, LeasedUntil = heartbeat.AddSeconds(30) });
        await db.SaveChangesAsync();
        return run.Id;
    }

    private async Task<DateTime> LeasedUntilAsync()
    {
        await using var db = gym.CreateDb();
        return (await db.JobLeases.AsNoTracking().SingleAsync(l => l.JobName == Job)).LeasedUntil;
    }

    private async Task<JobRun> StoredRunAsync(long id)
    {
        await using var db = gym.CreateDb();
        return await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The heartbeat was not recorded.");
            await Task.Delay(20);
        }
    }
}
