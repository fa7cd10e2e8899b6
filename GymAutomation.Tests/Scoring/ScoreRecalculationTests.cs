using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Scoring;

public sealed class ScoreRecalculationTests : IAsyncLifetime
{
    private static readonly string[] Activities =
    [
        ClientEventTypes.VisitRegistered, ClientEventTypes.ClassBooked, ClientEventTypes.PurchaseMade, ClientEventTypes.EmailOpened,
        ClientEventTypes.FormSubmitted, ClientEventTypes.MessageReplied, ClientEventTypes.ClassCancelled, ClientEventTypes.EmailClicked,
    ];

    private ScoringGym scoring = default!;

    // Small batches, so that several leads are replayed in more than one transaction.
    public async Task InitializeAsync() => scoring = await ScoringGym.StartAsync(new Dictionary<string, string?> { ["Scoring:RecalculationBatchSize"] = "10" });

    public async Task DisposeAsync() => await scoring.DisposeAsync();

    [Fact]
    public async Task Recalculating_from_history_ends_at_the_scores_and_ledger_that_incremental_scoring_reached()
    {
        await scoring.AddRuleAsync("Cancelled a class", ClientEventTypes.ClassCancelled, -15);
        var leads = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            leads.Add(await scoring.CreateLeadAsync($"Lead{i}", source: i % 2 == 0 ? "web" : "walk-in"));
        }

        // Eight weeks of a random but fixed life: some leads busy, some quiet, the decay every Monday.
        var random = new Random(42);
        for (var week = 0; week < 8; week++)
        {
            foreach (var lead in leads.Where((_, i) => random.NextDouble() < (i % 3 == 0 ? 0.15 : 0.6)))
            {
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    await scoring.RecordAsync(lead, Activities[random.Next(Activities.Length)]);
                }
            }

            scoring.AdvanceToNextMonday();
            await scoring.Gym.Get<DecayLeadScoresJob>().RunAsync("schedule", CancellationToken.None);
            scoring.Gym.Time.Advance(TimeSpan.FromHours(9));
        }

        var incremental = await SnapshotAsync();
        Assert.Contains(incremental.Scores, s => s.Score >= 70);
        Assert.Contains(incremental.Ledger, e => e.DecayWeek is not null);
        Assert.Contains(incremental.Ledger, e => e.Points != e.RulePoints);
        var reported = new List<RecalculationProgress>();

        var run = await scoring.Gym.Get<ScoreRecalculation>().RunAsync(new InlineProgress(reported.Add));

        Assert.Equal((JobOutcome.Succeeded, 25), (run.Outcome, run.ItemsProcessed));
        Assert.Equal([0, 10, 20, 25], reported.Select(p => p.Done));
        var recalculated = await SnapshotAsync();
        Assert.Equal(incremental.Scores, recalculated.Scores);
        Assert.Equal(incremental.Ledger, recalculated.Ledger);
        Assert.Single(scoring.Published.OfType<ScoresRecalculated>());
    }

    [Fact]
    public async Task After_a_rule_change_a_recalculation_scores_the_past_by_the_new_rule_and_fires_crossed_thresholds()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        await scoring.VisitAsync(ana, 5);
        var visit = await scoring.RuleAsync(ClientEventTypes.VisitRegistered);
        await scoring.Gym.Get<ScoringRules>().SaveAsync(visit.Id, new ScoringRuleInput { Name = visit.Name, EventType = visit.EventType, Points = 15 });
        Assert.Equal(50, await scoring.ScoreOfAsync(ana));

        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();

        Assert.Equal(75, await scoring.ScoreOfAsync(ana));
        Assert.Equal([15, 30, 45, 60, 75], (await scoring.LedgerAsync(ana)).Select(e => e.ScoreAfter));
        Assert.Equal([(50, 75, (long?)null)], (await scoring.FiringsAsync(ana)).Select(f => (f.ScoreBefore, f.ScoreAfter, f.EventId)));
        Assert.Equal(PipelineStage.HotLead, (await scoring.ClientAsync(ana)).Stage);
    }

    [Fact]
    public async Task A_recalculation_leaves_members_and_pending_events_alone()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        await scoring.VisitAsync(ana, 2);
        await using (var db = scoring.Gym.CreateDb())
        {
            await db.Clients.Where(c => c.Id == ana).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClientStatus.Active));
        }

        var bea = await scoring.CreateLeadAsync("Bea");
        await using (var db = scoring.Gym.CreateDb())
        {
            scoring.Gym.Get<EventOutbox>().Add(db, ClientEventTypes.PurchaseMade, bea);
            await db.SaveChangesAsync();
        }

        var run = await scoring.Gym.Get<ScoreRecalculation>().RunAsync();
        Assert.Equal(1, run.ItemsProcessed);
        Assert.Equal((20, 0), (await scoring.ScoreOfAsync(ana), await scoring.ScoreOfAsync(bea)));

        await scoring.DrainAsync();
        Assert.Equal(25, await scoring.ScoreOfAsync(bea));
    }

    private async Task<(List<(int ClientId, int Score, int LastPoints, string? LastReason, DateTime UpdatedAt)> Scores, List<LedgerRow> Ledger)> SnapshotAsync()
    {
        await using var db = scoring.Gym.CreateDb();
        var scores = (await db.LeadScores.OrderBy(s => s.ClientId).ToListAsync())
            .Select(s => (s.ClientId, s.Score, s.LastPoints, s.LastReason, s.UpdatedAt)).ToList();
        var ledger = (await db.ScoreEntries.OrderBy(e => e.ClientId).ThenBy(e => e.At).ThenBy(e => e.EventId).ThenBy(e => e.RuleId).ToListAsync())
            .Select(e => new LedgerRow(e.ClientId, e.EventId, e.DecayWeek, e.RuleId, e.Points, e.RulePoints, e.ScoreAfter, e.At, e.Reason)).ToList();
        return (scores, ledger);
    }

    private sealed record LedgerRow(int ClientId, long? EventId, DateOnly? DecayWeek, int? RuleId, int Points, int RulePoints, int ScoreAfter, DateTime At, string Reason);

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, so the test reads every report.</summary>
    private sealed class InlineProgress(Action<RecalculationProgress> report) : IProgress<RecalculationProgress>
    {
        public void Report(RecalculationProgress value) => report(value);
    }
}
