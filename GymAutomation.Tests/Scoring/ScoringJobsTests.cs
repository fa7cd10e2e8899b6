using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Scoring;

public sealed class ScoringJobsTests : IAsyncLifetime
{
    private ScoringGym scoring = default!;

    public async Task InitializeAsync() => scoring = await ScoringGym.StartAsync();

    public async Task DisposeAsync() => await scoring.DisposeAsync();

    [Fact]
    public async Task Both_jobs_are_scheduled_as_the_original_system_had_them()
    {
        var catalog = scoring.Gym.Get<JobCatalog>();

        Assert.Equal("0 0 * * 1", catalog.Find(DecayLeadScoresJob.JobName)!.Cron);
        Assert.Equal("0 10 * * *", catalog.Find(CheckInactiveLeadsJob.JobName)!.Cron);
    }

    [Fact]
    public async Task The_decay_takes_five_points_a_week_from_idle_leads_once_per_week_down_to_zero()
    {
        var idle = await scoring.CreateLeadAsync("Idle");
        var busy = await scoring.CreateLeadAsync("Busy");
        await scoring.VisitAsync(idle, 2);
        await scoring.VisitAsync(busy, 2);
        var decay = scoring.Gym.Get<DecayLeadScoresJob>();

        var scores = new List<(int Idle, int Busy)>();
        for (var week = 0; week < 6; week++)
        {
            scoring.AdvanceToNextMonday();
            var run = await decay.RunAsync("schedule", CancellationToken.None);
            Assert.Equal(JobOutcome.Succeeded, run.Outcome);
            var rerun = await decay.RunAsync("manual", CancellationToken.None);
            Assert.Equal((JobOutcome.Succeeded, 0), (rerun.Outcome, rerun.ItemsProcessed));
            scores.Add((await scoring.ScoreOfAsync(idle), await scoring.ScoreOfAsync(busy)));
            scoring.Gym.Time.Advance(TimeSpan.FromDays(2));
            await scoring.VisitAsync(busy);
        }

        // The first Monday comes six days after the visits: nobody has been idle for a week yet.
        Assert.Equal([(20, 20), (15, 30), (10, 40), (5, 50), (0, 60), (0, 70)], scores);
        var ledger = await scoring.LedgerAsync(idle);
        Assert.Equal([10, 10, -5, -5, -5, -5], ledger.Select(e => e.Points));
        Assert.All(ledger.Skip(2), e => Assert.Equal(("Días Sin Respuesta", ClientEventTypes.InactiveForDays, (long?)null), (e.Reason, e.EventType, e.EventId)));
        Assert.Equal([15, 10, 5, 0], scoring.Published.OfType<ScoreChanged>().Where(c => c.ClientId == idle && c.Points < 0).Select(c => c.NewScore));
    }

    [Fact]
    public async Task The_decay_floors_at_zero_and_records_the_points_it_took()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        await scoring.RecordAsync(ana, ClientEventTypes.EmailOpened);
        await scoring.AddRuleAsync("Extra decay", ClientEventTypes.InactiveForDays, -3);
        scoring.Gym.Time.Advance(TimeSpan.FromDays(8));
        scoring.AdvanceToNextMonday();

        await scoring.Gym.Get<DecayLeadScoresJob>().RunAsync("manual", CancellationToken.None);

        Assert.Equal(0, await scoring.ScoreOfAsync(ana));
        Assert.Equal([(5, 5, 5), (-5, -5, 0)], (await scoring.LedgerAsync(ana)).Select(e => (e.Points, e.RulePoints, e.ScoreAfter)));
    }

    [Fact]
    public async Task The_decay_reaches_more_idle_leads_than_a_statement_can_have_parameters()
    {
        // SQLite takes at most 32,766 parameters in a statement: a list of leads sent as one parameter per lead failed.
        const int leads = 40_000;
        var longAgo = scoring.Gym.Clock.UtcNow.AddDays(-30);
        await using (var db = scoring.Gym.CreateDb())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var clients = Enumerable.Range(0, leads).Select(i => new Client { FirstName = $"Lead {i}", Status = ClientStatus.Lead, CreatedAt = longAgo, UpdatedAt = longAgo }).ToList();
            await db.InsertManyWithKeysAsync(clients.Select((c, i) => { c.Id = 1_000_000 + i; return c; }), CancellationToken.None);
            await db.InsertManyAsync(clients.Select(c => new LeadScore { ClientId = c.Id, Score = 10, LastPoints = 10, UpdatedAt = longAgo }), CancellationToken.None);
            await transaction.CommitAsync();
        }

        scoring.AdvanceToNextMonday();
        var run = await scoring.Gym.Get<DecayLeadScoresJob>().RunAsync("schedule", CancellationToken.None);

        Assert.Equal((JobOutcome.Succeeded, leads, (string?)null), (run.Outcome, run.ItemsProcessed, run.Error));
        await using var read = scoring.Gym.CreateDb();
        Assert.Equal(leads, await read.LeadScores.CountAsync(s => s.Score == 5));
        Assert.Equal(leads, await read.ScoreEntries.CountAsync(e => e.Points == -5));
    }

    [Fact]
    public async Task Check_inactive_leads_records_one_event_per_lead_per_stretch_of_inactivity()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        var job = scoring.Gym.Get<CheckInactiveLeadsJob>();
        scoring.Gym.Time.Advance(TimeSpan.FromDays(6));
        var early = await job.RunAsync("schedule", CancellationToken.None);
        Assert.Equal((JobOutcome.Succeeded, 0), (early.Outcome, early.ItemsProcessed));

        scoring.Gym.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await job.RunAsync("schedule", CancellationToken.None)).ItemsProcessed);
        scoring.Gym.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await job.RunAsync("schedule", CancellationToken.None)).ItemsProcessed);

        await scoring.VisitAsync(ana);
        scoring.Gym.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, (await job.RunAsync("schedule", CancellationToken.None)).ItemsProcessed);
        Assert.Equal(0, (await job.RunAsync("manual", CancellationToken.None)).ItemsProcessed);

        await using var db = scoring.Gym.CreateDb();
        var recorded = await db.ClientEvents.Where(e => e.Type == ClientEventTypes.InactiveForDays).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, e => Assert.Equal((ana, """{"days":7}""", EventSources.Job), (e.ClientId, e.Data, e.Source)));
        // They go through the outbox to the engines like any other event.
        await scoring.DrainAsync();
        Assert.All(await db.ClientEvents.AsNoTracking().Where(e => e.Type == ClientEventTypes.InactiveForDays).ToListAsync(), e => Assert.Equal(EventStatus.Processed, e.Status));
    }

    [Fact]
    public async Task Check_inactive_leads_also_records_the_day_counts_that_active_workflows_wait_for()
    {
        await using var scoring = await ScoringGym.StartAsync();
        await using (var setup = scoring.Gym.CreateDb())
        {
            var now = scoring.Gym.Time.GetUtcNow().UtcDateTime;
            setup.EmailWorkflows.Add(new EmailWorkflow
            {
                Name = "Win back after 14 days", TriggerEvent = ClientEventTypes.InactiveForDays, TriggerDays = 14, IsActive = true, CreatedAt = now, UpdatedAt = now,
            });
            await setup.SaveChangesAsync();
        }

        var ana = await scoring.CreateLeadAsync("Ana");
        var job = scoring.Gym.Get<CheckInactiveLeadsJob>();

        scoring.Gym.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(JobOutcome.Succeeded, (await job.RunAsync("schedule", CancellationToken.None)).Outcome);
        scoring.Gym.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(JobOutcome.Succeeded, (await job.RunAsync("schedule", CancellationToken.None)).Outcome);

        await using var db = scoring.Gym.CreateDb();
        Assert.Equal(["""{"days":7}""", """{"days":14}"""],
            await db.ClientEvents.Where(e => e.ClientId == ana && e.Type == ClientEventTypes.InactiveForDays).OrderBy(e => e.Id).Select(e => e.Data!).ToListAsync());
    }
}
