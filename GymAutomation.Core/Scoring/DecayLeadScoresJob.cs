using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// <c>decay-lead-scores</c> (Mondays 00:00): the decay rules ("Días Sin Respuesta", −5) applied once a week to every
/// lead without activity in the last <see cref="ScoringOptions.DecayInactiveDays"/> days. The week is marked per lead
/// (<see cref="ScoreDecay"/>), so a rerun in the same week does nothing. Set-based: a few statements per rule,
/// whatever the number of leads.
/// </summary>
public sealed class DecayLeadScoresJob(
    JobRunner runner,
    IDbContextFactory<GymDbContext> dbFactory,
    RuleBook book,
    LiveFeed feed,
    GymClock clock,
    IOptions<ScoringOptions> options) : GymJob(runner)
{
    public const string JobName = "decay-lead-scores";

    public override string Name => JobName;

    /// <summary>The Monday of the gym week <paramref name="day"/> is in.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var week = WeekOf(clock.Today);
        var cutoff = now.AddDays(-options.Value.DecayInactiveDays);
        var changes = new List<LiveChange>();
        int marked;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var leads = await LeadActivity.LeadsInactiveSince(db, cutoff)
                .Where(id => !db.Set<ScoreDecay>().Any(d => d.ClientId == id && d.Week == week))
                .ToListAsync(cancellationToken);
            marked = await db.InsertManyAsync(leads.Select(id => new ScoreDecay { ClientId = id, Week = week, DecayedAt = now }), cancellationToken);
            foreach (var rule in (await book.GetAsync(db, cancellationToken)).DecayRules)
            {
                await ApplyAsync(db, rule, leads, week, now, changes, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        feed.Publish(changes);
        return marked;
    }

    private static async Task ApplyAsync(GymDbContext db, ScoringRule rule, List<int> leads, DateOnly week, DateTime now, List<LiveChange> changes, CancellationToken cancellationToken)
    {
        var scores = await db.LeadScores
            .Where(s => leads.Contains(s.ClientId) && s.Score > 0)
            .Select(s => new { s.ClientId, s.Score, s.Client!.FirstName, s.Client.LastName, s.Client.Stage })
            .ToListAsync(cancellationToken);
        if (scores.Count == 0)
        {
            return;
        }

        var entries = scores.Select(s => ScoreEntry.For(rule, s.ClientId, s.Score, now, decayWeek: week)).ToList();
        await db.InsertManyAsync(entries, cancellationToken);

        var points = rule.Points;
        var ids = scores.Select(s => s.ClientId).ToList();
        await db.LeadScores.Where(s => ids.Contains(s.ClientId)).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.LastPoints, s => s.Score + points < 0 ? -s.Score : points)
            .SetProperty(s => s.Score, s => s.Score + points < 0 ? 0 : s.Score + points)
            .SetProperty(s => s.LastReason, rule.Name)
            .SetProperty(s => s.UpdatedAt, now), cancellationToken);

        changes.AddRange(scores.Zip(entries, (s, e) => new ScoreChanged(
            now, s.ClientId, string.IsNullOrWhiteSpace(s.LastName) ? s.FirstName : $"{s.FirstName} {s.LastName}",
            s.Score, e.ScoreAfter, e.Points, rule.Name, s.Stage)));
    }
}
