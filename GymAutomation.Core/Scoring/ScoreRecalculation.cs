using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Scoring;

/// <summary>How far a recalculation has gone: leads replayed out of the leads there are.</summary>
public sealed record RecalculationProgress(int Done, int Total)
{
    public double Percent => Total == 0 ? 100 : 100.0 * Done / Total;
}

/// <summary>
/// "Recalculate from history": replays the active rules over the stored events of every lead (<see cref="ScoreReplay"/>),
/// a batch of leads (a range of ids) per transaction, reporting progress after each; a lead whose ledger and score come
/// out as stored is not rewritten. Only the leads without a check of the current rules (<see cref="LeadScoreCheck"/>) are
/// read and replayed: a lead is checked once replayed, and the database forgets the check when the lead's history
/// changes. Runs through the <see cref="JobRunner"/> as
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

        progress?.Report(new RecalculationProgress(0, leads.Count));
        var done = 0;
        foreach (var batch in leads.Chunk(options.Value.RecalculationBatchSize))
        {
            var changes = new List<LiveChange>();
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (db.Database.IsNpgsql())
                {
                    // The triggers that forget checks take this table's row-exclusive lock: a writer of a lead's history
                    // either commits before this batch reads or forgets, after it commits, the check this batch makes.
                    await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "LeadScoreChecks" IN SHARE ROW EXCLUSIVE MODE""", cancellationToken);
                }

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
                    // Every lead of the range (the first run, or after a rule change) is read by the range alone.
                    await (toReplay.Count == leadsOfBatch.Count
                        ? ScoreReplay.ReplayAsync(db, scoring, from, to, ReplayFiring.AgainstCurrentScores, clock.UtcNow, changes.Add, cancellationToken)
                        : ScoreReplay.ReplayAsync(db, scoring, toReplay, ReplayFiring.AgainstCurrentScores, clock.UtcNow, changes.Add, cancellationToken));
                    await db.LeadScoreChecks.Where(k => toReplay.Contains(k.ClientId)).ExecuteDeleteAsync(cancellationToken);
                    await db.InsertManyAsync(toReplay.Select(id => new LeadScoreCheck { ClientId = id, Rules = rules }), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            feed.Publish(changes);
            done += batch.Length;
            progress?.Report(new RecalculationProgress(done, leads.Count));
        }

        feed.Publish([new ScoresRecalculated(clock.UtcNow, leads.Count)]);
        return leads.Count;
    }
}
