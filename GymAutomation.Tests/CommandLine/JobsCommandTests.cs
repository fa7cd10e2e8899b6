using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.CommandLine;

/// <summary><c>jobs list</c> and <c>jobs run NAME</c>: the jobs page's list and its Run now, from a terminal.</summary>
public sealed class JobsCommandTests : IAsyncDisposable
{
    private const string Failing = "always-fails";

    private static readonly string[] TheFiveJobs =
        ["check-inactive-leads", "check-members", "check-retention-alerts", "decay-lead-scores", "process-email-workflows", "refresh-segments", "send-campaigns", "send-retention-notifications"];

    private readonly CommandLineGym gym = new() { ConfigureServices = services => services.AddGymJob<FailingJob>(Failing, "0 3 * * *") };

    public ValueTask DisposeAsync() => gym.DisposeAsync();

    [Fact]
    public async Task Jobs_run_runs_the_job_through_its_lease_records_the_run_as_the_command_lines_and_exits_0()
    {
        var result = await gym.RunAsync("jobs", "run", CheckRetentionAlertsJob.JobName);

        Assert.Equal((0, ""), (result.Exit, result.Error));
        Assert.Matches($"^{CheckRetentionAlertsJob.JobName}: Succeeded, 0 items in [0-9,.]+ m?s\\.$", Assert.Single(result.OutputLines));
        await using var db = gym.CreateDb();
        var run = await db.JobRuns.SingleAsync();
        Assert.Equal((CheckRetentionAlertsJob.JobName, "cli", JobOutcome.Succeeded), (run.JobName, run.Trigger, run.Outcome));
        Assert.Equal(0, await db.JobLeases.CountAsync(l => l.LeasedUntil > DateTime.UtcNow));
    }

    [Fact]
    public async Task Jobs_list_shows_each_job_with_its_schedule_next_run_and_last_run_in_gym_time()
    {
        Assert.Equal(0, (await gym.RunAsync("jobs", "run", CheckRetentionAlertsJob.JobName)).Exit);

        var result = await gym.RunAsync("jobs", "list");

        Assert.Equal((0, ""), (result.Exit, result.Error));
        var lines = result.OutputLines;
        Assert.Equal("Times are the gym's (Europe/Madrid).", lines[0]);
        Assert.Matches("^JOB +ENABLED +SCHEDULE +CRON +NEXT RUN +LAST RUN +DURATION +ITEMS +OUTCOME$", lines[1]);
        Assert.Equal([Failing, .. TheFiveJobs], lines.Skip(2).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal));
        var columns = lines[1].IndexOf("SCHEDULE", StringComparison.Ordinal);
        Assert.All(lines.Skip(2), l => Assert.NotEqual(' ', l[columns]));
        var retention = lines.Single(l => l.StartsWith(CheckRetentionAlertsJob.JobName, StringComparison.Ordinal));
        Assert.Matches(@"^check-retention-alerts +yes +Every day at 08:00 +0 8 \* \* \* +\d{4}-\d\d-\d\d 08:00 +\d{4}-\d\d-\d\d \d\d:\d\d +[0-9,.]+ m?s +0 +Succeeded$", retention);
        var decay = lines.Single(l => l.StartsWith("decay-lead-scores", StringComparison.Ordinal));
        Assert.Matches(@"^decay-lead-scores +yes +Every Monday at 00:00 +0 0 \* \* 1 +\d{4}-\d\d-\d\d 00:00 +never +- +- +-$", decay);
    }

    [Fact]
    public async Task A_failing_job_prints_its_error_and_exits_1()
    {
        var result = await gym.RunAsync("jobs", "run", Failing);

        Assert.Equal(1, result.Exit);
        Assert.StartsWith($"{Failing}: Failed, 0 items in ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Error: The SMTP server refused the connection.", result.Error, StringComparison.Ordinal);
        await using var db = gym.CreateDb();
        Assert.Equal(JobOutcome.Failed, (await db.JobRuns.SingleAsync()).Outcome);
    }

    [Fact]
    public async Task A_job_whose_lease_another_run_holds_is_not_run_and_exits_1_saying_why()
    {
        Assert.Equal(0, (await gym.RunAsync("jobs", "list")).Exit);
        await using (var db = gym.CreateDb())
        {
            db.JobLeases.Add(new JobLease { JobName = CheckRetentionAlertsJob.JobName, Owner = "other-host:42", LeasedUntil = DateTime.UtcNow.AddMinutes(30) });
            await db.SaveChangesAsync();
        }

        var result = await gym.RunAsync("jobs", "run", CheckRetentionAlertsJob.JobName);

        Assert.Equal(1, result.Exit);
        Assert.StartsWith($"{CheckRetentionAlertsJob.JobName}: Skipped", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("Not run: Another run of this job was still in progress. Its lease is held by other-host:42 until ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_job_exits_2_with_the_names_of_the_jobs()
    {
        var result = await gym.RunAsync("jobs", "run", "tidy-up");

        Assert.Equal((2, ""), (result.Exit, result.Output));
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("There is no job named \"tidy-up\". The jobs are:", lines[0]);
        Assert.Equal([Failing, .. TheFiveJobs], lines.Skip(1).Order(StringComparer.Ordinal));
    }

    private sealed class FailingJob(JobRunner runner) : GymJob(runner)
    {
        public override string Name => Failing;

        protected override Task<int> ExecuteAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The SMTP server refused the connection.");
    }
}
