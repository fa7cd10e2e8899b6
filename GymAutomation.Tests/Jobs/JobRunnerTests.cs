using GymAutomation.Core.Jobs;
using GymAutomation.Core.Live;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Jobs;

public sealed class JobRunnerTests : IAsyncLifetime
{
    private const string Job = "test-job";
    private TestGym gym = null!;

    private JobRunner Runner => gym.Get<JobRunner>();

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_finished_run_is_published_after_it_is_recorded_whether_it_succeeded_failed_or_was_skipped()
    {
        var published = new List<JobRunFinished>();
        using var subscription = gym.Get<LiveFeed>().Subscribe(changes => published.AddRange(changes.OfType<JobRunFinished>()));
        JobRunFinished? seenDuringWork = null;

        await Runner.RunAsync(Job, "schedule", async ct =>
        {
            seenDuringWork = published.SingleOrDefault();
            await Runner.RunAsync(Job, "manual", _ => Task.FromResult(0), ct);
            return 4;
        });
        await Runner.RunAsync("other-job", "manual", _ => throw new InvalidOperationException("boom"));

        Assert.Null(seenDuringWork);
        var now = gym.Clock.UtcNow;
        Assert.Equal(
            [new JobRunFinished(now, Job, JobOutcome.Skipped, 0), new JobRunFinished(now, Job, JobOutcome.Succeeded, 4), new JobRunFinished(now, "other-job", JobOutcome.Failed, 0)],
            published);
    }

    [Fact]
    public async Task A_successful_run_is_recorded_as_running_while_it_works_then_succeeded_with_its_item_count()
    {
        JobOutcome? outcomeDuringWork = null;

        var run = await Runner.RunAsync(Job, "manual", async ct =>
        {
            await using var db = gym.CreateDb();
            outcomeDuringWork = (await db.JobRuns.SingleAsync(ct)).Outcome;
            gym.Time.Advance(TimeSpan.FromSeconds(42));
            return 7;
        });

        Assert.Equal(JobOutcome.Running, outcomeDuringWork);
        var stored = await StoredRunAsync(run.Id);
        Assert.Equal(JobOutcome.Succeeded, stored.Outcome);
        Assert.Equal(7, stored.ItemsProcessed);
        Assert.Equal("manual", stored.Trigger);
        Assert.Null(stored.Error);
        Assert.Equal(TestGym.DefaultNow.UtcDateTime, stored.StartedAt);
        Assert.Equal(TimeSpan.FromSeconds(42), stored.Duration);
    }

    [Fact]
    public async Task A_failing_run_is_recorded_with_its_error_and_releases_the_lease()
    {
        var run = await Runner.RunAsync(Job, "schedule", _ => throw new InvalidOperationException("The SMTP server refused the connection."));

        var stored = await StoredRunAsync(run.Id);
        Assert.Equal(JobOutcome.Failed, stored.Outcome);
        Assert.Equal("The SMTP server refused the connection.", stored.Error);
        Assert.NotNull(stored.FinishedAt);

        var next = await Runner.RunAsync(Job, "schedule", _ => Task.FromResult(1));
        Assert.Equal(JobOutcome.Succeeded, next.Outcome);
    }

    [Fact]
    public async Task An_occurrence_the_scheduler_of_another_instance_ran_is_not_run_again_but_run_now_and_the_next_minute_are()
    {
        await Runner.RunAsync(Job, JobRunner.ScheduleTrigger, _ => Task.FromResult(1));
        var worked = 0;

        var again = await Runner.RunAsync(Job, JobRunner.ScheduleTrigger, _ => Task.FromResult(++worked));
        var manual = await Runner.RunAsync(Job, "manual", _ => Task.FromResult(++worked));
        gym.Time.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = await Runner.RunAsync(Job, JobRunner.ScheduleTrigger, _ => Task.FromResult(++worked));

        Assert.Equal(JobOutcome.Skipped, again.Outcome);
        Assert.Equal("This occurrence already ran on another instance.", (await StoredRunAsync(again.Id)).Error);
        Assert.Equal(JobOutcome.Succeeded, manual.Outcome);
        Assert.Equal(JobOutcome.Succeeded, nextMinute.Outcome);
        Assert.Equal(2, worked);
    }

    [Fact]
    public async Task A_run_is_skipped_without_working_while_another_holder_has_the_lease()
    {
        await using (var db = gym.CreateDb())
        {
            db.JobLeases.Add(new JobLease { JobName = Job, Owner = "other-instance", LeasedUntil = gym.Clock.UtcNow.AddMinutes(10) });
            await db.SaveChangesAsync();
        }

        var worked = false;
        var run = await Runner.RunAsync(Job, "schedule", _ =>
        {
            worked = true;
            return Task.FromResult(1);
        });

        Assert.False(worked);
        var stored = await StoredRunAsync(run.Id);
        Assert.Equal(JobOutcome.Skipped, stored.Outcome);
        Assert.Equal(0, stored.ItemsProcessed);
        await using (var db = gym.CreateDb())
        {
            Assert.Equal("other-instance", (await db.JobLeases.SingleAsync()).Owner);
        }
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over()
    {
        await using (var db = gym.CreateDb())
        {
            db.JobLeases.Add(new JobLease { JobName = Job, Owner = "crashed-instance", LeasedUntil = gym.Clock.UtcNow.AddMinutes(10) });
            await db.SaveChangesAsync();
        }

        gym.Time.Advance(TimeSpan.FromMinutes(11));
        var run = await Runner.RunAsync(Job, "schedule", _ => Task.FromResult(3));

        Assert.Equal(JobOutcome.Succeeded, (await StoredRunAsync(run.Id)).Outcome);
    }

    [Fact]
    public async Task Leases_are_per_job()
    {
        await using (var db = gym.CreateDb())
        {
            db.JobLeases.Add(new JobLease { JobName = "another-job", Owner = "other-instance", LeasedUntil = gym.Clock.UtcNow.AddMinutes(10) });
            await db.SaveChangesAsync();
        }

        var run = await Runner.RunAsync(Job, "schedule", _ => Task.FromResult(0));

        Assert.Equal(JobOutcome.Succeeded, run.Outcome);
    }

    private async Task<JobRun> StoredRunAsync(long id)
    {
        await using var db = gym.CreateDb();
        return await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == id);
    }
}
