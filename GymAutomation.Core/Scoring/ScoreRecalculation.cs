using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// How far a recalculation has gone: leads done out of the leads there are, and of those done how many were replayed
/// (the others were already checked with the current rules).
/// </summary>
public sealed record RecalculationProgress(int Done, int Total, int Replayed = 0)
{
    public double Percent => Total == 0 ? 100 : 100.0 * Done / Total;
}

/// <summary>
/// "Recalculate from history": replays the active rules over the stored events of every lead (<see cref="ScoreReplay"/>),
/// a batch of leads (a range of ids) per transaction, reporting progress after each; a lead whose ledger and score come
/// out as stored is not rewritten. Only the leads without a check of the current rules (<see cref="LeadScoreCheck"/>) are
/// read and replayed: a lead is checked once replayed, and the database forgets the check when the lead's history
/// changes. After a rule change, the checks of the leads whose history the change cannot touch are first carried over
/// to the new rules (<see cref="CarryChecksOverAsync"/>). Runs through the <see cref="JobRunner"/> as
/// <c>recalculate-lead-scores</c>, so it is recorded and never runs twice at once.
/// </summary>
public sealed class ScoreRecalculation(
    JobRunner runner,
    IDbContextFactory<GymDbContext> dbFactory,
    LiveFeed feed,
    GymClock clock,
    IOptions<ScoringOptions> options)
{
    public const string JobName = "recalculate-lead-scores";

    public Task<JobRun> RunAsync(IProgress<RecalculationProgress>? progress = null, string trigger = "manual", CancellationToken cancellationToken = default) =>
        runner.RunAsync(JobName, trigger, ct => RecalculateAsync(progress, ct), cancellationToken);

    private async Task<int> RecalculateAsync(IProgress<RecalculationProgress>? progress, CancellationToken cancellationToken)
    {
        List<int> leads;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            leads = await db.Clients.Where(c => c.Status == ClientStatus.Lead).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        await CarryChecksOverAsync(cancellationToken);
        progress?.Report(new RecalculationProgress(0, leads.Count));
        var (done, replayed) = (0, 0);
        foreach (var batch in leads.Chunk(options.Value.RecalculationBatchSize))
        {
            var changes = new List<LiveChange>();
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await BeginAsync(db, cancellationToken);

                // The rules as this transaction reads them, which the stored lines' texts are compared with.
                var scoring = await ActiveScoring.ReadAsync(db, cancellationToken);
                var (from, to, rules) = (batch[0], batch[^1], scoring.Fingerprint);
                var leadsOfBatch = await db.Clients
                    .Where(c => c.Id >= from && c.Id <= to && c.Status == ClientStatus.Lead)
                    .Select(c => new { c.Id, Checked = db.Set<LeadScoreCheck>().Any(k => k.ClientId == c.Id && k.Rules == rules) })
                    .ToListAsync(cancellationToken);
                var toReplay = leadsOfBatch.Where(l => !l.Checked).Select(l => l.Id).ToList();
                if (toReplay.Count > 0)
                {
                    // Every lead of the range (the first run, or after a change to every lead's rules) is read by the range
                    // alone; most of them (after a change to the rules of a type most leads have) with the range read whole.
                    await (toReplay.Count == leadsOfBatch.Count
                        ? ScoreReplay.ReplayAsync(db, scoring, from, to, ReplayFiring.AgainstCurrentScores, clock.UtcNow, changes.Add, cancellationToken)
                        : toReplay.Count * 2 >= leadsOfBatch.Count
                        ? ScoreReplay.ReplayAsync(db, scoring, from, to, toReplay.ToHashSet(), ReplayFiring.AgainstCurrentScores, clock.UtcNow, changes.Add, cancellationToken)
                        : ScoreReplay.ReplayAsync(db, scoring, toReplay, ReplayFiring.AgainstCurrentScores, clock.UtcNow, changes.Add, cancellationToken));
                    await db.LeadScoreChecks.Where(k => toReplay.Contains(k.ClientId)).ExecuteDeleteAsync(cancellationToken);
                    await KeepAsync(db, scoring, cancellationToken);
                    await db.InsertManyAsync(toReplay.Select(id => new LeadScoreCheck { ClientId = id, Rules = rules }), cancellationToken);
                    replayed += toReplay.Count;
                }

                await transaction.CommitAsync(cancellationToken);
            }

            feed.Publish(changes);
            done += batch.Length;
            progress?.Report(new RecalculationProgress(done, leads.Count, replayed));
        }

        await DropUnnamedRuleSetsAsync(cancellationToken);
        feed.Publish([new ScoresRecalculated(clock.UtcNow, leads.Count)]);
        return leads.Count;
    }

    /// <summary>
    /// A lead's replay reads only the rules of the types in its history: its events' types, and the decay rules' for
    /// its decayed weeks. So a check made with earlier rules whose set is kept (<see cref="ScoringRuleSet"/>) still
    /// holds for a lead with no event — processed or pending, which is the safe side — of a type whose rules changed,
    /// and no decayed week when the decay rules changed: one update per earlier rule set gives those leads' checks the
    /// current rules, and the batches then pass them by. After a change to the rule of a type few leads have, only
    /// those are replayed.
    /// </summary>
    private async Task CarryChecksOverAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await BeginAsync(db, cancellationToken);
        var current = ScoringRuleSet.Of(await ActiveScoring.ReadAsync(db, cancellationToken));
        var named = await db.LeadScoreChecks.Select(k => k.Rules).Distinct().ToListAsync(cancellationToken);
        var earlierSets = await db.ScoringRuleSets.AsNoTracking().Where(s => s.Fingerprint != current.Fingerprint && named.Contains(s.Fingerprint)).ToListAsync(cancellationToken);
        foreach (var earlier in earlierSets)
        {
            if (current.ChangedSince(earlier) is not { } changed)
            {
                continue;
            }

            var touched = db.Set<ClientEvent>().Where(e => changed.Contains(e.Type)).Select(e => e.ClientId);
            var checks = db.LeadScoreChecks.Where(k => k.Rules == earlier.Fingerprint && !touched.Contains(k.ClientId));
            if (changed.Contains(ClientEventTypes.InactiveForDays))
            {
                checks = checks.Where(k => !db.Set<ScoreDecay>().Any(d => d.ClientId == k.ClientId));
            }

            await checks.ExecuteUpdateAsync(u => u.SetProperty(k => k.Rules, current.Fingerprint), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>After the batches: the rule sets no check names any more.</summary>
    private async Task DropUnnamedRuleSetsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await BeginAsync(db, cancellationToken);
        await db.ScoringRuleSets.Where(s => !db.Set<LeadScoreCheck>().Any(k => k.Rules == s.Fingerprint)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Keeps the rule set of <paramref name="scoring"/>, which the checks a batch writes name.</summary>
    private static async Task KeepAsync(GymDbContext db, ActiveScoring scoring, CancellationToken cancellationToken)
    {
        if (!await db.ScoringRuleSets.AnyAsync(s => s.Fingerprint == scoring.Fingerprint, cancellationToken))
        {
            db.ScoringRuleSets.Add(ScoringRuleSet.Of(scoring));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A transaction that reads and writes checks. On PostgreSQL the triggers that forget checks take the checks table's
    /// row-exclusive lock: a writer of a lead's history either commits before this transaction reads, or forgets, after
    /// it commits, the check it made or carried over.
    /// </summary>
    private static async Task<IDbContextTransaction> BeginAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "LeadScoreChecks" IN SHARE ROW EXCLUSIVE MODE""", cancellationToken);
        }

        return transaction;
    }
}
