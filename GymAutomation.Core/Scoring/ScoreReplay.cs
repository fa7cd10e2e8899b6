using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// Rebuilds leads' scores and ledgers from what is stored — their processed events and the weeks the decay found them
/// inactive — with the active rules, in the order incremental scoring met them (when each event was processed,
/// each decay applied). With unchanged rules it ends where incremental scoring is; after a rule change, where the lead
/// would be had the rule always been so. Works on the caller's context, inside the caller's transaction.
/// </summary>
public static class ScoreReplay
{
    /// <summary>Replays <paramref name="leads"/>; automations fire for the leads whose score crosses a threshold upwards.</summary>
    public static async Task ReplayAsync(
        GymDbContext db, ActiveScoring scoring, IReadOnlyCollection<int> leads, DateTime now, Action<LiveChange> publish, CancellationToken cancellationToken)
    {
        var clientIds = leads.ToArray();
        var events = await db.ClientEvents.AsNoTracking()
            .Where(e => clientIds.Contains(e.ClientId) && e.Status == EventStatus.Processed)
            .Select(e => new Step(e.ClientId, e.ProcessedAt ?? e.OccurredAt, e.Id, e.Type, null))
            .ToListAsync(cancellationToken);
        var decays = await db.ScoreDecays.AsNoTracking()
            .Where(d => clientIds.Contains(d.ClientId))
            .Select(d => new Step(d.ClientId, d.DecayedAt, null, ClientEventTypes.InactiveForDays, d.Week))
            .ToListAsync(cancellationToken);
        var before = await db.LeadScores.Where(s => clientIds.Contains(s.ClientId)).ToDictionaryAsync(s => s.ClientId, s => s.Score, cancellationToken);

        var entries = new List<ScoreEntry>();
        var scores = new List<LeadScore>();
        foreach (var lead in events.Concat(decays).GroupBy(s => s.ClientId))
        {
            var score = Replay(scoring, lead, entries);
            if (score is not null)
            {
                scores.Add(score);
            }
        }

        await db.ScoreEntries.Where(e => clientIds.Contains(e.ClientId)).ExecuteDeleteAsync(cancellationToken);
        await db.LeadScores.Where(s => clientIds.Contains(s.ClientId)).ExecuteDeleteAsync(cancellationToken);
        await db.InsertManyAsync(entries, cancellationToken);
        await db.InsertManyAsync(scores, cancellationToken);

        var crossing = scores
            .Where(s => scoring.Automations.Any(a => a.IsCrossedBy(before.GetValueOrDefault(s.ClientId), s.Score)))
            .ToDictionary(s => s.ClientId);
        if (crossing.Count == 0)
        {
            return;
        }

        var ids = crossing.Keys.ToList();
        foreach (var client in await db.Clients.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken))
        {
            await AutomationRunner.FireAsync(db, scoring, client, before.GetValueOrDefault(client.Id), crossing[client.Id].Score, null, now, publish, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One lead's steps in order: events before a decay of the same instant, as a job runs after what is processed.</summary>
    private static LeadScore? Replay(ActiveScoring scoring, IEnumerable<Step> steps, List<ScoreEntry> entries)
    {
        LeadScore? score = null;
        foreach (var step in steps.OrderBy(s => s.At).ThenBy(s => s.DecayWeek is null ? 0 : 1).ThenBy(s => s.EventId))
        {
            var decay = step.DecayWeek is not null;
            foreach (var rule in decay ? scoring.DecayRules : scoring.RulesFor(step.Type))
            {
                var current = score?.Score ?? 0;
                var (applied, after) = LeadScore.Apply(current, rule.Points);
                if (decay && applied == 0)
                {
                    continue;
                }

                score ??= new LeadScore { ClientId = step.ClientId };
                entries.Add(new ScoreEntry
                {
                    ClientId = step.ClientId,
                    EventId = step.EventId,
                    DecayWeek = step.DecayWeek,
                    RuleId = rule.Id,
                    EventType = rule.EventType,
                    Points = applied,
                    RulePoints = rule.Points,
                    ScoreAfter = after,
                    At = step.At,
                    Reason = rule.Name,
                });
                score.Score = after;
                score.LastPoints = applied;
                score.LastReason = rule.Name;
                score.UpdatedAt = step.At;
            }
        }

        return score;
    }

    private sealed record Step(int ClientId, DateTime At, long? EventId, string Type, DateOnly? DecayWeek);
}
