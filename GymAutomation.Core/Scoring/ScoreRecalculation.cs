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
/// out as stored is not rewritten. Runs through the <see cref="JobRunner"/> as
/// <c>recalculate-lead-scores</c>, so it is recorded and never runs twice at once.
/// </summary>
public sealed class ScoreRecalculation(
    JobRunner runner,
    IDbContextFactory<GymDbContext> dbFactory,
    RuleBook book,
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
                var (from, to) = (batch[0], batch[^1]);
                var batchLeads = db.Clients.Where(c => c.Status == ClientStatus.Lead && c.Id >= from && c.Id <= to).Select(c => c.Id);
                await ScoreReplay.ReplayAsync(db, await book.GetAsync(db, cancellationToken), batchLeads, from, to, ReplayFiring.AgainstCurrentScores, clock.UtcNow, changes.Add, cancellationToken);
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
