using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.CommandLine;

/// <summary>
/// Interrupted runs from a terminal: <c>jobs list</c> shows them, and a <c>jobs run</c> killed with SIGKILL in the
/// middle of its work does not hold the job up: the next <c>jobs run</c> proceeds at once.
/// </summary>
public sealed class JobsHealingCommandTests : IAsyncDisposable
{
    private readonly CommandLineGym gym = new();

    public ValueTask DisposeAsync() => gym.DisposeAsync();

    [Fact]
    public async Task Jobs_list_shows_an_interrupted_last_run_with_when_it_was_found_dead_and_its_last_heartbeat()
    {
        Assert.Equal(0, (await gym.RunAsync("jobs", "list")).Exit);
        var heartbeat = new DateTime(2026, 3, 10, 8, 1, 55, DateTimeKind.Utc);
        await using (var db = gym.CreateDb())
        {
            db.JobRuns.Add(new JobRun
            {
                JobName = CheckRetentionAlertsJob.JobName, Trigger = "schedule", StartedAt = heartbeat.AddMinutes(-2), FinishedAt = heartbeat.AddMinutes(1),
                LastHeartbeatAt = heartbeat, Outcome = JobOutcome.Interrupted, Machine = "far-away", ProcessId = 42,
            });
            await db.SaveChangesAsync();
        }

        var result = await gym.RunAsync("jobs", "list");

        Assert.Equal((0, ""), (result.Exit, result.Error));
        var retention = result.OutputLines.Single(l => l.StartsWith(CheckRetentionAlertsJob.JobName, StringComparison.Ordinal));
        // Madrid is UTC+1 in March.
        Assert.EndsWith("Interrupted at 2026-03-10 09:02 (last heartbeat 2026-03-10 09:01:55)", retention, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jobs_run_killed_with_SIGKILL_while_it_sends_is_marked_interrupted_and_the_next_jobs_run_proceeds_at_once()
    {
        // A server that accepts the connection and never answers: the run hangs in the middle of its work.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        await OneDueEmailAsync();

        await using var killed = StartHungRun(((IPEndPoint)silent.LocalEndpoint).Port);
        var killedPid = killed.Id;
        try
        {
            using var connected = await accepted.WaitAsync(TimeSpan.FromSeconds(90));
            var hung = await WaitForAsync(async db => await db.JobRuns.AsNoTracking()
                .SingleOrDefaultAsync(r => r.ProcessId == killedPid && r.Outcome == JobOutcome.Running && r.LastHeartbeatAt != null));
            await killed.KillAsync();
            Assert.NotEqual(0, killed.ExitCode);

            var next = await gym.RunAsync("jobs", "run", ProcessEmailWorkflowsJob.JobName, "--Email:Transport=Pickup");

            Assert.Equal(0, next.Exit);
            Assert.StartsWith($"{ProcessEmailWorkflowsJob.JobName}: Succeeded", next.Output, StringComparison.Ordinal);
            await using var db = gym.CreateDb();
            var dead = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == hung.Id);
            Assert.Equal(JobOutcome.Interrupted, dead.Outcome);
            Assert.NotNull(dead.FinishedAt);
            Assert.Equal(hung.LastHeartbeatAt, dead.LastHeartbeatAt);
            Assert.Contains($":{killedPid})", dead.Error, StringComparison.Ordinal);
            var list = await gym.RunAsync("jobs", "list");
            Assert.EndsWith("Succeeded", list.OutputLines.Single(l => l.StartsWith(ProcessEmailWorkflowsJob.JobName, StringComparison.Ordinal)), StringComparison.Ordinal);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The run never reached the SMTP server. It wrote:\n{killed.Output}");
        }
    }

    [Fact]
    [Trait("Provider", "Sqlite")] // EF's migration lock is a row of a table on SQLite only; PostgreSQL's is a session's.
    public async Task A_start_killed_while_it_migrates_leaves_no_lock_that_holds_up_the_next_start()
    {
        await using (var starting = AppProcess.Start(["jobs", "list", .. Settings()]))
        {
            var waited = Stopwatch.StartNew();
            while (!await MigrationLockHeldAsync())
            {
                Assert.False(starting.HasExited, "The start ended before it was seen migrating: " + starting.Output);
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), "The start was never seen migrating.");
                await Task.Delay(2);
            }

            await starting.KillAsync();
        }

        Assert.True(await MigrationLockHeldAsync(), "The kill should have left EF's lock row behind, as a dead migrator does.");
        var (exit, output) = await AppProcess.RunAsync(TimeSpan.FromSeconds(90), ["jobs", "list", .. Settings()]);

        Assert.True(exit == 0, output);
        Assert.False(await MigrationLockHeldAsync());
    }

    private string[] Settings()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(gym.DatabasePath)!);
        return [$"--ConnectionStrings:Gym=Data Source={gym.DatabasePath}", $"--contentRoot={gym.Folder}"];
    }

    /// <summary>Whether EF's migration lock (a row of <c>__EFMigrationsLock</c>) is taken, read without writing to the database.</summary>
    private async Task<bool> MigrationLockHeldAsync()
    {
        if (!File.Exists(gym.DatabasePath))
        {
            return false;
        }

        await using var connection = new SqliteConnection($"Data Source={gym.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = '__EFMigrationsLock'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }

        command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsLock\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>A lead enrolled in a workflow whose first step is due now, in real time (the child process's clock).</summary>
    private async Task OneDueEmailAsync()
    {
        await using var data = await TestGym.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Gym"] = $"Data Source={gym.DatabasePath};Pooling=False" });
        data.Time.SetUtcNow(DateTimeOffset.UtcNow);
        await using (var db = data.CreateDb())
        {
            db.EmailWorkflows.AddRange(DemoWorkflows.Original(data.Clock.UtcNow));
            await db.SaveChangesAsync();
        }

        await data.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", Email = "ana@example.com" });
        await data.Get<EventDispatcher>().DrainAsync();
    }

    /// <summary>The built app, as an operator starts it, running the sending job against the silent server.</summary>
    private AppProcess StartHungRun(int smtpPort) => AppProcess.Start(
        "jobs", "run", ProcessEmailWorkflowsJob.JobName,
        $"--ConnectionStrings:Gym=Data Source={gym.DatabasePath}", $"--contentRoot={gym.Folder}",
        "--Email:Transport=Smtp", "--Email:Smtp:Host=127.0.0.1", $"--Email:Smtp:Port={smtpPort.ToString(CultureInfo.InvariantCulture)}",
        "--Email:Smtp:Security=None", "--Email:Smtp:TimeoutSeconds=600",
        "--Workflows:SendWindowStart=00:00", "--Workflows:SendWindowEnd=23:59");

    private async Task<T> WaitForAsync<T>(Func<Core.Data.GymDbContext, Task<T?>> probe)
        where T : class
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = gym.CreateDb())
            {
                if (await probe(db) is { } found)
                {
                    return found;
                }
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), "The run never recorded a heartbeat.");
            await Task.Delay(200);
        }
    }
}
