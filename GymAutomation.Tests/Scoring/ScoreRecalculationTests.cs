using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
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
        await LiveARandomLifeAsync();

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
    public async Task On_a_random_history_of_hundreds_of_leads_with_workflow_points_recalculating_changes_nothing_and_rewrites_no_line()
    {
        await scoring.AddRuleAsync("Cancelled a class", ClientEventTypes.ClassCancelled, -15);
        await scoring.AddRuleAsync("Clicked unsubscribe", ClientEventTypes.EmailClicked, -30);
        var leads = new List<int>();
        for (var i = 0; i < 300; i++)
        {
            leads.Add(await scoring.CreateLeadAsync($"Lead{i}"));
        }

        var random = new Random(7);
        var workflowScores = scoring.Gym.Get<IWorkflowScores>();
        for (var week = 0; week < 6; week++)
        {
            await using (var db = scoring.Gym.CreateDb())
            {
                foreach (var lead in leads.Where((_, i) => random.NextDouble() < (i % 4 == 0 ? 0.1 : 0.55)))
                {
                    for (var n = random.Next(1, 4); n > 0; n--)
                    {
                        scoring.Gym.Get<EventOutbox>().Add(db, Activities[random.Next(Activities.Length)], lead, source: EventSources.Api);
                    }
                }

                await db.SaveChangesAsync();
            }

            scoring.Gym.Time.Advance(TimeSpan.FromMinutes(5));
            await scoring.DrainAsync();
            scoring.Gym.Time.Advance(TimeSpan.FromMinutes(1));
            await using (var db = scoring.Gym.CreateDb())
            {
                foreach (var lead in leads.Where(_ => random.NextDouble() < 0.08))
                {
                    await workflowScores.AddPointsAsync(db, lead, random.NextDouble() < 0.5 ? 10 : -20, "Welcome series", scoring.Gym.Time.GetUtcNow().UtcDateTime, CancellationToken.None);
                }

                await db.SaveChangesAsync();
            }

            scoring.AdvanceToNextMonday();
            await scoring.Gym.Get<DecayLeadScoresJob>().RunAsync("schedule", CancellationToken.None);
            scoring.Gym.Time.Advance(TimeSpan.FromHours(9));
        }

        var incremental = await SnapshotAsync();
        Assert.Contains(incremental.Ledger, e => e.DecayWeek is not null);
        Assert.Contains(incremental.Ledger, e => e.RuleId is null && e.Points != e.RulePoints);
        Assert.Contains(incremental.Ledger, e => e.RuleId is not null && e.Points != e.RulePoints);
        List<long> lineIds;
        await using (var db = scoring.Gym.CreateDb())
        {
            lineIds = await db.ScoreEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        }

        var run = await scoring.Gym.Get<ScoreRecalculation>().RunAsync();

        Assert.Equal((JobOutcome.Succeeded, 300), (run.Outcome, run.ItemsProcessed));
        var recalculated = await SnapshotAsync();
        Assert.Equal(incremental.Scores, recalculated.Scores);
        Assert.Equal(incremental.Ledger, recalculated.Ledger);
        await using var read = scoring.Gym.CreateDb();
        Assert.Equal(lineIds, await read.ScoreEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
    }

    [Fact]
    public async Task A_lead_whose_stored_ledger_differs_from_its_history_is_rewritten_and_the_others_are_left_as_they_are()
    {
        await scoring.AddRuleAsync("Cancelled a class", ClientEventTypes.ClassCancelled, -15);
        var ana = await scoring.CreateLeadAsync("Ana");
        var bea = await scoring.CreateLeadAsync("Bea");
        await scoring.VisitAsync(ana, 2);
        await scoring.RecordAsync(ana, ClientEventTypes.ClassCancelled);
        await scoring.VisitAsync(bea, 3);
        var expected = (await scoring.LedgerAsync(ana)).Select(e => (e.EventId, e.Points, e.RulePoints, e.ScoreAfter)).ToList();
        var beaLines = (await scoring.LedgerAsync(bea)).Select(e => e.Id).ToList();
        await using (var db = scoring.Gym.CreateDb())
        {
            await db.ScoreEntries.Where(e => e.ClientId == ana && e.Points < 0).ExecuteUpdateAsync(s => s.SetProperty(e => e.ScoreAfter, 99));
        }

        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();

        Assert.Equal(expected, (await scoring.LedgerAsync(ana)).Select(e => (e.EventId, e.Points, e.RulePoints, e.ScoreAfter)));
        Assert.Equal(5, await scoring.ScoreOfAsync(ana));
        Assert.Equal(beaLines, (await scoring.LedgerAsync(bea)).Select(e => e.Id));
    }

    [Fact]
    public async Task A_recalculation_checks_the_leads_it_replays_and_the_database_forgets_a_check_when_the_leads_history_changes_by_any_writer()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        var bea = await scoring.CreateLeadAsync("Bea");
        var cai = await scoring.CreateLeadAsync("Cai");
        await scoring.VisitAsync(ana, 2);
        await scoring.VisitAsync(bea, 3);
        await scoring.VisitAsync(cai, 1);
        var caiLines = (await scoring.LedgerAsync(cai)).Select(e => e.Id).ToList();
        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();
        Assert.Equal([ana, bea, cai], await CheckedAsync());

        // Behind the scorer's back: a processed visit of Ana's written straight into the events, a line of Bea's changed by hand.
        await using (var db = scoring.Gym.CreateDb())
        {
            var at = scoring.Gym.Time.GetUtcNow().UtcDateTime;
            db.Set<ClientEvent>().Add(new ClientEvent
            {
                Type = ClientEventTypes.VisitRegistered, ClientId = ana, OccurredAt = at, RecordedAt = at, Status = EventStatus.Processed, ProcessedAt = at,
            });
            await db.SaveChangesAsync();
            await db.ScoreEntries.Where(e => e.ClientId == bea).OrderBy(e => e.Id).Take(1).ExecuteUpdateAsync(s => s.SetProperty(e => e.Points, 99));
        }

        Assert.Equal([cai], await CheckedAsync());

        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();

        Assert.Equal((30, 30, 10), (await scoring.ScoreOfAsync(ana), await scoring.ScoreOfAsync(bea), await scoring.ScoreOfAsync(cai)));
        Assert.Equal([10, 10, 10], (await scoring.LedgerAsync(bea)).Select(e => e.Points));
        Assert.Equal([10, 20, 30], (await scoring.LedgerAsync(ana)).Select(e => e.ScoreAfter));
        Assert.Equal(caiLines, (await scoring.LedgerAsync(cai)).Select(e => e.Id));
        Assert.Equal([ana, bea, cai], await CheckedAsync());

        // A check made with other rules does not count: after a rule's points change every lead is replayed.
        var visit = await scoring.RuleAsync(ClientEventTypes.VisitRegistered);
        await scoring.Gym.Get<ScoringRules>().SaveAsync(visit.Id, new ScoringRuleInput { Name = visit.Name, EventType = visit.EventType, Points = 15 });
        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();
        Assert.Equal((45, 45, 15), (await scoring.ScoreOfAsync(ana), await scoring.ScoreOfAsync(bea), await scoring.ScoreOfAsync(cai)));
    }

    [Fact]
    public async Task An_event_moved_to_another_lead_forgets_both_leads_checks_and_the_recalculation_scores_it_for_its_new_lead()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        var bea = await scoring.CreateLeadAsync("Bea");
        await scoring.VisitAsync(ana, 1);
        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();
        Assert.Equal([ana, bea], await CheckedAsync());

        await using (var db = scoring.Gym.CreateDb())
        {
            await db.Set<ClientEvent>().Where(e => e.ClientId == ana && e.Type == ClientEventTypes.VisitRegistered)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClientId, bea));
        }

        Assert.Empty(await CheckedAsync());
        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();
        Assert.Equal((0, 10), (await scoring.ScoreOfAsync(ana), await scoring.ScoreOfAsync(bea)));
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
    public async Task After_a_rule_is_renamed_a_recalculation_gives_its_lines_and_the_score_the_new_name_and_keeps_the_points()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        await scoring.VisitAsync(ana, 2);
        var visit = await scoring.RuleAsync(ClientEventTypes.VisitRegistered);
        await scoring.Gym.Get<ScoringRules>().SaveAsync(visit.Id, new ScoringRuleInput { Name = "Came in", EventType = visit.EventType, Points = visit.Points });

        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();

        Assert.Equal([("Came in", 10, 10), ("Came in", 10, 20)], (await scoring.LedgerAsync(ana)).Select(e => (e.Reason, e.Points, e.ScoreAfter)));
        await using var db = scoring.Gym.CreateDb();
        var score = await db.LeadScores.SingleAsync(s => s.ClientId == ana);
        Assert.Equal(("Came in", 20), (score.LastReason, score.Score));
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

    [Fact]
    public async Task After_a_change_to_one_types_rules_only_the_leads_with_such_an_event_are_replayed_and_all_end_where_a_full_replay_puts_them()
    {
        var leads = await LiveARandomLifeAsync();
        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();
        var form = await scoring.RuleAsync(ClientEventTypes.FormSubmitted);
        await scoring.Gym.Get<ScoringRules>().SaveAsync(form.Id, new ScoringRuleInput { Name = form.Name, EventType = form.EventType, Points = 35 });
        var withForms = await LeadsWithAsync(db => db.Set<ClientEvent>().Where(e => e.Type == ClientEventTypes.FormSubmitted).Select(e => e.ClientId));
        Assert.InRange(withForms.Count, 1, leads.Count - 1);

        Assert.Equal(withForms.Count, await ReplayedByARecalculationAsync());

        Assert.Equal(leads, await CheckedAsync());
        Assert.Contains((await SnapshotAsync()).Ledger, e => e.RuleId == form.Id && e.RulePoints == 35);
        await using (var db = scoring.Gym.CreateDb())
        {
            Assert.Equal([(await ActiveScoring.ReadAsync(db, CancellationToken.None)).Fingerprint], await db.ScoringRuleSets.Select(s => s.Fingerprint).ToListAsync());
        }

        await AssertAFullReplayChangesNothingAsync();
    }

    [Fact]
    public async Task After_a_change_to_the_decay_rule_only_the_leads_with_a_decayed_week_are_replayed_and_all_end_where_a_full_replay_puts_them()
    {
        var leads = await LiveARandomLifeAsync();
        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();
        var decay = await scoring.RuleAsync(ClientEventTypes.InactiveForDays);
        await scoring.Gym.Get<ScoringRules>().SaveAsync(decay.Id, new ScoringRuleInput { Name = decay.Name, EventType = decay.EventType, Points = -8 });
        var decayed = await LeadsWithAsync(db => db.ScoreDecays.Select(d => d.ClientId)
            .Union(db.Set<ClientEvent>().Where(e => e.Type == ClientEventTypes.InactiveForDays).Select(e => e.ClientId)));
        Assert.InRange(decayed.Count, 1, leads.Count - 1);

        Assert.Equal(decayed.Count, await ReplayedByARecalculationAsync());

        Assert.Contains((await SnapshotAsync()).Ledger, e => e.RuleId == decay.Id && e.RulePoints == -8);
        await AssertAFullReplayChangesNothingAsync();
    }

    [Fact]
    public async Task A_rule_for_a_type_no_lead_has_replays_no_lead()
    {
        var leads = await LiveARandomLifeAsync();
        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();
        await scoring.AddRuleAsync("Started a trial", ClientEventTypes.TrialStarted, 40);

        Assert.Equal(0, await ReplayedByARecalculationAsync());

        Assert.Equal(leads, await CheckedAsync());
    }

    /// <summary>
    /// 25 leads (and a rule for cancelled classes) through eight weeks of a random but fixed life: some busy, some
    /// quiet, the decay every Monday. Returns the leads.
    /// </summary>
    private async Task<List<int>> LiveARandomLifeAsync()
    {
        await scoring.AddRuleAsync("Cancelled a class", ClientEventTypes.ClassCancelled, -15);
        var leads = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            leads.Add(await scoring.CreateLeadAsync($"Lead{i}", source: i % 2 == 0 ? "web" : "walk-in"));
        }

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

        return leads;
    }

    private async Task<List<int>> LeadsWithAsync(Func<GymDbContext, IQueryable<int>> clientIds)
    {
        await using var db = scoring.Gym.CreateDb();
        return await clientIds(db).Distinct().OrderBy(id => id).ToListAsync();
    }

    /// <summary>How many leads a recalculation run now replays.</summary>
    private async Task<int> ReplayedByARecalculationAsync()
    {
        var reported = new List<RecalculationProgress>();
        await scoring.Gym.Get<ScoreRecalculation>().RunAsync(new InlineProgress(reported.Add));
        return reported[^1].Replayed;
    }

    /// <summary>Every check forgotten and every lead replayed: the scores and ledgers stay as they are.</summary>
    private async Task AssertAFullReplayChangesNothingAsync()
    {
        var before = await SnapshotAsync();
        await using (var db = scoring.Gym.CreateDb())
        {
            await db.LeadScoreChecks.ExecuteDeleteAsync();
        }

        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();
        var after = await SnapshotAsync();
        Assert.Equal(before.Scores, after.Scores);
        Assert.Equal(before.Ledger, after.Ledger);
    }

    private async Task<List<int>> CheckedAsync()
    {
        await using var db = scoring.Gym.CreateDb();
        var rules = await ActiveScoring.ReadAsync(db, CancellationToken.None);
        return await db.LeadScoreChecks.Where(k => k.Rules == rules.Fingerprint).OrderBy(k => k.ClientId).Select(k => k.ClientId).ToListAsync();
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
