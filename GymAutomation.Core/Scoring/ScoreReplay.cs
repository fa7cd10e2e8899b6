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
    public static Task<int> ReplayAsync(
        GymDbContext db, ActiveScoring scoring, IReadOnlyCollection<int> leads, ReplayFiring firing, DateTime now, Action<LiveChange> publish, CancellationToken cancellationToken)
    {
        var clientIds = leads.ToArray();
        return clientIds.Length == 0 ? Task.FromResult(0) : ReplayAsync(db, scoring, db.Clients.Where(c => clientIds.Contains(c.Id)).Select(c => c.Id), clientIds.Min(), clientIds.Max(), firing, now, publish, cancellationToken);
    }

    /// <summary>
    /// Replays the leads of <paramref name="leads"/>, whose ids are from <paramref name="from"/> to <paramref name="to"/>
    /// (a range the database reads each table's rows by), and fires the automations as <paramref name="firing"/> says.
    /// Rewrites only the leads whose ledger or score comes out different; returns how many.
    /// </summary>
    public static async Task<int> ReplayAsync(
        GymDbContext db, ActiveScoring scoring, IQueryable<int> leads, int from, int to, ReplayFiring firing, DateTime now, Action<LiveChange> publish, CancellationToken cancellationToken)
    {
        var events = await db.ClientEvents.AsNoTracking()
            .Where(e => e.ClientId >= from && e.ClientId <= to && leads.Contains(e.ClientId) && e.Status == EventStatus.Processed)
            .Select(e => new Step(e.ClientId, e.ProcessedAt ?? e.OccurredAt, e.Id, e.Type, e.Type == ClientEventTypes.AlertClosed ? e.Data : null, null, null, null))
            .ToListAsync(cancellationToken);
        var decays = await db.ScoreDecays.AsNoTracking()
            .Where(d => d.ClientId >= from && d.ClientId <= to && leads.Contains(d.ClientId))
            .Select(d => new Step(d.ClientId, d.DecayedAt, null, ClientEventTypes.InactiveForDays, null, d.Week, null, null))
            .ToListAsync(cancellationToken);
        var stored = (await db.ScoreEntries.AsNoTracking()
            .Where(e => e.ClientId >= from && e.ClientId <= to && leads.Contains(e.ClientId))
            .Select(e => new Line(e.ClientId, e.EventId, e.DecayWeek, e.RuleId, e.EventType, e.Points, e.RulePoints, e.ScoreAfter, e.At, e.Reason))
            .ToListAsync(cancellationToken)).ToLookup(e => e.ClientId);
        var given = stored.SelectMany(lead => lead).Where(e => e.RuleId is null)
            .Select(e => new Step(e.ClientId, e.At, null, e.EventType, null, null, e.RulePoints, e.Reason));
        var before = await db.LeadScores.AsNoTracking()
            .Where(s => s.ClientId >= from && s.ClientId <= to && leads.Contains(s.ClientId))
            .ToDictionaryAsync(s => s.ClientId, cancellationToken);

        var entries = new List<ScoreEntry>();
        var scores = new List<LeadScore>();
        var crossings = new List<Crossing>();
        var changed = new HashSet<int>(before.Keys.Concat(stored.Select(lead => lead.Key)));
        foreach (var lead in events.Concat(decays).Concat(given).GroupBy(s => s.ClientId))
        {
            var ledger = new List<ScoreEntry>();
            var score = Replay(scoring, lead, ledger, crossings);
            if (score is not null)
            {
                scores.Add(score);
            }

            if (Same(ledger, stored[lead.Key], score, before.GetValueOrDefault(lead.Key)))
            {
                changed.Remove(lead.Key);
            }
            else
            {
                changed.Add(lead.Key);
                entries.AddRange(ledger);
            }
        }

        if (changed.Count > 0)
        {
            var ids = changed.ToArray();
            await db.ScoreEntries.Where(e => ids.Contains(e.ClientId)).ExecuteDeleteAsync(cancellationToken);
            await db.LeadScores.Where(s => ids.Contains(s.ClientId)).ExecuteDeleteAsync(cancellationToken);
            await db.InsertManyAsync(entries, cancellationToken);
            await db.InsertManyAsync(scores.Where(s => changed.Contains(s.ClientId)), cancellationToken);
        }

        await FireAsync(db, scoring, firing, now, publish, scores, before, crossings, cancellationToken);
        return changed.Count;
    }

    /// <summary>Whether a lead's replayed ledger and score are what is stored (in any order of the ledger's rows).</summary>
    private static bool Same(List<ScoreEntry> replayed, IEnumerable<Line> stored, LeadScore? score, LeadScore? storedScore)
    {
        if (score?.Score != storedScore?.Score || score?.LastPoints != storedScore?.LastPoints
            || score?.LastReason != storedScore?.LastReason || score?.UpdatedAt != storedScore?.UpdatedAt)
        {
            return false;
        }

        var lines = replayed.Select(e => new Line(e.ClientId, e.EventId, e.DecayWeek, e.RuleId, e.EventType, e.Points, e.RulePoints, e.ScoreAfter, e.At, e.Reason));
        return Ordered(lines).SequenceEqual(Ordered(stored));
    }

    private static IEnumerable<Line> Ordered(IEnumerable<Line> lines) =>
        lines.OrderBy(l => l.At).ThenBy(l => l.EventId).ThenBy(l => l.RuleId).ThenBy(l => l.DecayWeek).ThenBy(l => l.ScoreAfter).ThenBy(l => l.Reason, StringComparer.Ordinal);

    private static async Task FireAsync(
        GymDbContext db, ActiveScoring scoring, ReplayFiring firing, DateTime now, Action<LiveChange> publish,
        List<LeadScore> scores, Dictionary<int, LeadScore> stored, List<Crossing> crossings, CancellationToken cancellationToken)
    {
        var before = stored.ToDictionary(s => s.Key, s => s.Value.Score);
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

    /// <summary>A ledger line as stored, compared field by field.</summary>
    private sealed record Line(int ClientId, long? EventId, DateOnly? DecayWeek, int? RuleId, string EventType, int Points, int RulePoints, int ScoreAfter, DateTime At, string Reason);

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
