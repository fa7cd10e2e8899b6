using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// Rebuilds leads' scores and ledgers from what is stored — their processed events and the weeks the decay found them
/// inactive — with the active rules, in the order incremental scoring met them (when each event was processed,
/// each decay applied), and the points workflows gave kept as they were given. With unchanged rules it ends where incremental scoring is; after a rule change, where the lead
/// would be had the rule always been so. Works on the caller's context, inside the caller's transaction.
/// </summary>
public static class ScoreReplay
{
    /// <summary>Replays <paramref name="leads"/> and fires the automations as <paramref name="firing"/> says.</summary>
    public static async Task ReplayAsync(
        GymDbContext db, ActiveScoring scoring, IReadOnlyCollection<int> leads, ReplayFiring firing, DateTime now, Action<LiveChange> publish, CancellationToken cancellationToken)
    {
        var clientIds = leads.ToArray();
        var events = await db.ClientEvents.AsNoTracking()
            .Where(e => clientIds.Contains(e.ClientId) && e.Status == EventStatus.Processed)
            .Select(e => new Step(e.ClientId, e.ProcessedAt ?? e.OccurredAt, e.Id, e.Type, e.Type == ClientEventTypes.AlertClosed ? e.Data : null, null, null, null))
            .ToListAsync(cancellationToken);
        var decays = await db.ScoreDecays.AsNoTracking()
            .Where(d => clientIds.Contains(d.ClientId))
            .Select(d => new Step(d.ClientId, d.DecayedAt, null, ClientEventTypes.InactiveForDays, null, d.Week, null, null))
            .ToListAsync(cancellationToken);
        var given = await db.ScoreEntries.AsNoTracking()
            .Where(e => clientIds.Contains(e.ClientId) && e.RuleId == null)
            .Select(e => new Step(e.ClientId, e.At, null, e.EventType, null, null, e.RulePoints, e.Reason))
            .ToListAsync(cancellationToken);
        var before = await db.LeadScores.Where(s => clientIds.Contains(s.ClientId)).ToDictionaryAsync(s => s.ClientId, s => s.Score, cancellationToken);

        var entries = new List<ScoreEntry>();
        var scores = new List<LeadScore>();
        var crossings = new List<Crossing>();
        foreach (var lead in events.Concat(decays).Concat(given).GroupBy(s => s.ClientId))
        {
            var score = Replay(scoring, lead, entries, crossings);
            if (score is not null)
            {
                scores.Add(score);
            }
        }

        await db.ScoreEntries.Where(e => clientIds.Contains(e.ClientId)).ExecuteDeleteAsync(cancellationToken);
        await db.LeadScores.Where(s => clientIds.Contains(s.ClientId)).ExecuteDeleteAsync(cancellationToken);
        await db.InsertManyAsync(entries, cancellationToken);
        await db.InsertManyAsync(scores, cancellationToken);

        if (firing == ReplayFiring.AgainstCurrentScores)
        {
            crossings = scores
                .Where(s => scoring.Automations.Any(a => a.IsCrossedBy(before.GetValueOrDefault(s.ClientId), s.Score)))
                .Select(s => new Crossing(s.ClientId, now, null, before.GetValueOrDefault(s.ClientId), s.Score))
                .ToList();
        }

        if (crossings.Count == 0)
        {
            return;
        }

        var ids = crossings.Select(c => c.ClientId).Distinct().ToList();
        var clients = await db.Clients.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var crossing in crossings)
        {
            await AutomationRunner.FireAsync(db, scoring, clients[crossing.ClientId], crossing.Before, crossing.After, crossing.EventId, crossing.At, publish, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One lead's steps in order: events before a decay of the same instant, as a job runs after what is processed.</summary>
    private static LeadScore? Replay(ActiveScoring scoring, IEnumerable<Step> steps, List<ScoreEntry> entries, List<Crossing> crossings)
    {
        LeadScore? score = null;
        foreach (var step in steps.OrderBy(s => s.At).ThenBy(s => s.DecayWeek is null ? 0 : 1).ThenBy(s => s.EventId))
        {
            var decay = step.DecayWeek is not null;
            var scoreBefore = score?.Score ?? 0;
            if (step.GivenPoints is { } points)
            {
                score ??= new LeadScore { ClientId = step.ClientId };
                var entry = ScoreEntry.ForWorkflow(step.ClientId, scoreBefore, points, step.Reason!, step.At);
                entries.Add(entry);
                score.Take(entry);
                continue;
            }

            foreach (var rule in decay ? scoring.DecayRules : scoring.RulesFor(step.Type, step.Data))
            {
                var entry = ScoreEntry.For(rule, step.ClientId, score?.Score ?? 0, step.At, step.EventId, step.DecayWeek);
                if (decay && entry.Points == 0)
                {
                    continue;
                }

                score ??= new LeadScore { ClientId = step.ClientId };
                entries.Add(entry);
                score.Take(entry);
            }

            // As the handler does: an event's rules together, then the automations whose threshold they crossed.
            if (score is not null && scoring.Automations.Any(a => a.IsCrossedBy(scoreBefore, score.Score)))
            {
                crossings.Add(new Crossing(step.ClientId, step.At, step.EventId, scoreBefore, score.Score));
            }
        }

        return score;
    }

    /// <summary>
    /// An event (with its data when a rule's condition may read it), a week of decay, or points a workflow gave
    /// (<see cref="GivenPoints"/>, with its reason).
    /// </summary>
    private sealed record Step(int ClientId, DateTime At, long? EventId, string Type, string? Data, DateOnly? DecayWeek, int? GivenPoints, string? Reason);

    private sealed record Crossing(int ClientId, DateTime At, long? EventId, int Before, int After);
}

/// <summary>Which automations a replay fires.</summary>
public enum ReplayFiring
{
    /// <summary>
    /// A recalculation: the past already fired its automations, so only a lead whose new score crosses a threshold
    /// its current score is below fires it, now.
    /// </summary>
    AgainstCurrentScores,

    /// <summary>History scored for the first time (the demo): every crossing fires, at its own moment, as it would have live.</summary>
    AtEachCrossingInHistory,
}
