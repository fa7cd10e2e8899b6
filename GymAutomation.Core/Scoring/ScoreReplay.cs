using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
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

    private static readonly Comparison<Step> StepOrder = (a, b) =>
    {
        var order = a.At.CompareTo(b.At);
        order = order != 0 ? order : a.Kind.CompareTo(b.Kind);
        order = order != 0 ? order : a.EventId.CompareTo(b.EventId);
        order = order != 0 ? order : a.Week.CompareTo(b.Week);
        return order != 0 ? order : a.GivenId.CompareTo(b.GivenId);
    };

    private static readonly Comparison<Line> LineOrder = (a, b) =>
    {
        var (x, y) = (a.Key, b.Key);
        var order = x.At.CompareTo(y.At);
        order = order != 0 ? order : x.EventId.CompareTo(y.EventId);
        order = order != 0 ? order : x.RuleId.CompareTo(y.RuleId);
        order = order != 0 ? order : x.Week.CompareTo(y.Week);
        order = order != 0 ? order : x.GivenId.CompareTo(y.GivenId);
        order = order != 0 ? order : x.ScoreAfter.CompareTo(y.ScoreAfter);
        order = order != 0 ? order : x.Points.CompareTo(y.Points);
        order = order != 0 ? order : x.RulePoints.CompareTo(y.RulePoints);
        return order != 0 ? order : x.Texts.CompareTo(y.Texts);
    };

    /// <summary>Replays <paramref name="leads"/> and fires the automations as <paramref name="firing"/> says.</summary>
    public static Task<int> ReplayAsync(
        GymDbContext db, ActiveScoring scoring, IReadOnlyCollection<int> leads, ReplayFiring firing, DateTime now, Action<LiveChange> publish, CancellationToken cancellationToken) =>
        leads.Count == 0 ? Task.FromResult(0) : ReplayAsync(db, scoring, leads.Min(), leads.Max(), leads.ToHashSet(), false, firing, now, publish, cancellationToken);

    /// <summary>
    /// Replays the leads of <paramref name="leads"/> whose ids are from <paramref name="from"/> to <paramref name="to"/>,
    /// reading the range whole: when they are most of its leads, that costs less than seeking each.
    /// </summary>
    public static Task<int> ReplayAsync(
        GymDbContext db, ActiveScoring scoring, int from, int to, IReadOnlySet<int> leads, ReplayFiring firing, DateTime now, Action<LiveChange> publish, CancellationToken cancellationToken) =>
        ReplayAsync(db, scoring, from, to, leads, true, firing, now, publish, cancellationToken);

    /// <summary>
    /// Replays the leads whose ids are from <paramref name="from"/> to <paramref name="to"/> and fires the automations as
    /// <paramref name="firing"/> says. Rewrites only the leads whose ledger or score comes out different; returns how many.
    /// </summary>
    public static Task<int> ReplayAsync(
        GymDbContext db, ActiveScoring scoring, int from, int to, ReplayFiring firing, DateTime now, Action<LiveChange> publish, CancellationToken cancellationToken) =>
        ReplayAsync(db, scoring, from, to, null, false, firing, now, publish, cancellationToken);

    private static async Task<int> ReplayAsync(
        GymDbContext db, ActiveScoring scoring, int from, int to, IReadOnlySet<int>? only, bool readWholeRange, ReplayFiring firing, DateTime now, Action<LiveChange> publish,
        CancellationToken cancellationToken)
    {
        var history = await ScoreHistory.ReadAsync(db, scoring, from, to, only, readWholeRange, cancellationToken);
        var (events, decays, ledger) = (history.Events, history.Decays, history.Ledger);
        var rulesOfType = scoring.EventTypes.Select(type => scoring.RulesFor(type, null).ToArray()).ToArray();
        var writes = new LedgerWrites();
        var scores = new List<LeadScore>();
        var crossings = new List<Crossing>();
        var changed = new List<int>();
        var steps = new List<Step>();
        var replayed = new List<Line>();
        var stored = new List<Line>();
        var (e, d, l) = (0, 0, 0);
        foreach (var lead in LeadsOf(history))
        {
            steps.Clear();
            stored.Clear();
            for (; e < events.Length && events[e].ClientId == lead; e++)
            {
                var row = events[e];
                var rules = row.Data is null ? rulesOfType[row.Type] : [.. scoring.RulesFor(scoring.EventTypes[row.Type], row.Data)];
                steps.Add(new Step(row.At, 0, row.Id, -1, 0, rules, 0, null));
            }

            for (; d < decays.Length && decays[d].ClientId == lead; d++)
            {
                steps.Add(new Step(decays[d].At, 1, 0, decays[d].Week.DayNumber, 0, scoring.DecayRules, 0, null));
            }

            for (; l < ledger.Length && ledger[l].ClientId == lead; l++)
            {
                var line = ledger[l];
                stored.Add(Stored(line));
                if (line.RuleId is null)
                {
                    steps.Add(new Step(line.At, 0, 0, -1, line.Id, [], line.RulePoints, line.Reason));
                }
            }

            var score = Replay(scoring, lead, steps, replayed, crossings);
            if (score is not null)
            {
                scores.Add(score);
            }

            if (!Same(replayed, stored, score, history.Scores.GetValueOrDefault(lead)))
            {
                changed.Add(lead);
                Diff(lead, replayed, stored, writes);
            }
        }

        if (changed.Count > 0)
        {
            var ids = changed.ToArray();
            await writes.ApplyAsync(db, cancellationToken);
            await db.LeadScores.Where(s => ids.Contains(s.ClientId)).ExecuteDeleteAsync(cancellationToken);
            var rewritten = changed.ToHashSet();
            await db.InsertManyAsync(scores.Where(s => rewritten.Contains(s.ClientId)), cancellationToken);
        }

        await FireAsync(db, scoring, firing, now, publish, scores, history.Scores, crossings, cancellationToken);
        return changed.Count;
    }

    /// <summary>Every lead with something stored, in order of id, as the history's rows are sorted.</summary>
    private static IEnumerable<int> LeadsOf(ScoreHistory history) =>
        history.Events.Select(x => x.ClientId)
            .Union(history.Decays.Select(x => x.ClientId))
            .Union(history.Ledger.Select(x => x.ClientId))
            .Union(history.Scores.Keys)
            .Order();

    /// <summary>What brings a lead's stored ledger to its replayed one (see <see cref="LedgerWrites"/>).</summary>
    private static void Diff(int clientId, List<Line> replayed, List<Line> stored, LedgerWrites writes)
    {
        var storedLines = new Dictionary<(long, int, int, long), Line>();
        foreach (var line in stored)
        {
            if (!storedLines.TryAdd(line.Identity, line))
            {
                writes.Deletes.Add(line.Id);
            }
        }

        foreach (var line in replayed)
        {
            if (storedLines.Remove(line.Identity, out var old))
            {
                var key = line.Key;
                if (old.Key == key)
                {
                    continue;
                }

                if (old.Key with { Points = key.Points, RulePoints = key.RulePoints, ScoreAfter = key.ScoreAfter } == key)
                {
                    writes.Updates.Add((old.Id, key.Points, key.RulePoints, key.ScoreAfter));
                    continue;
                }

                writes.Deletes.Add(old.Id);
            }

            writes.Inserts.Add(line.ToEntry(clientId));
        }

        writes.Deletes.AddRange(storedLines.Values.Select(line => line.Id));
    }

    private static Line Stored(ScoreHistory.StoredLine line) => new(
        new LineKey(
            line.At, line.EventId ?? 0, line.RuleId ?? 0, line.DecayWeek?.DayNumber ?? -1, line.RuleId is null ? line.Id : 0,
            line.Points, line.RulePoints, line.ScoreAfter, line.RuleId is null ? line.EventType == ScoreEntry.WorkflowPoints : line.RuleTexts),
        null,
        line.Reason,
        line.Id);

    /// <summary>Whether a lead's replayed ledger and score are what is stored (in any order of the ledger's rows).</summary>
    private static bool Same(List<Line> replayed, List<Line> stored, LeadScore? score, LeadScore? storedScore)
    {
        if (score?.Score != storedScore?.Score || score?.LastPoints != storedScore?.LastPoints
            || score?.LastReason != storedScore?.LastReason || score?.UpdatedAt != storedScore?.UpdatedAt || replayed.Count != stored.Count)
        {
            return false;
        }

        var ordered = replayed.ToArray();
        Array.Sort(ordered, LineOrder);
        stored.Sort(LineOrder);
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Key != stored[i].Key)
            {
                return false;
            }
        }

        return true;
    }

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

    /// <summary>
    /// One lead's steps in order: events before a decay of the same instant, as a job runs after what is processed.
    /// Fills <paramref name="lines"/> with the lead's ledger and returns its score (null when no line).
    /// </summary>
    private static LeadScore? Replay(ActiveScoring scoring, int clientId, List<Step> steps, List<Line> lines, List<Crossing> crossings)
    {
        steps.Sort(StepOrder);
        lines.Clear();
        LeadScore? score = null;
        foreach (var step in steps)
        {
            var scoreBefore = score?.Score ?? 0;
            if (step.GivenId != 0)
            {
                var (applied, after) = LeadScore.Apply(scoreBefore, step.GivenPoints);
                score ??= new LeadScore { ClientId = clientId };
                lines.Add(new Line(new LineKey(step.At, 0, 0, -1, step.GivenId, applied, step.GivenPoints, after, true), null, step.Reason));
                Take(score, applied, after, step.Reason, step.At);
                continue;
            }

            var decay = step.Kind == 1;
            foreach (var rule in step.Rules)
            {
                var (applied, after) = LeadScore.Apply(score?.Score ?? 0, rule.Points);
                if (decay && applied == 0)
                {
                    continue;
                }

                score ??= new LeadScore { ClientId = clientId };
                lines.Add(new Line(new LineKey(step.At, step.EventId, rule.Id, step.Week, 0, applied, rule.Points, after, true), rule, null));
                Take(score, applied, after, rule.Name, step.At);
            }

            // As the handler does: an event's rules together, then the automations whose threshold they crossed.
            if (score is not null && scoring.Automations.Any(a => a.IsCrossedBy(scoreBefore, score.Score)))
            {
                crossings.Add(new Crossing(clientId, step.At, step.EventId == 0 ? null : step.EventId, scoreBefore, score.Score));
            }
        }

        return score;
    }

    private static void Take(LeadScore score, int applied, int after, string? reason, DateTime at)
    {
        score.Score = after;
        score.LastPoints = applied;
        score.LastReason = reason;
        score.UpdatedAt = at;
    }

    /// <summary>
    /// An event (kind 0) with the rules it scores by, a week of decay (kind 1, <see cref="Week"/> its day number), or
    /// points a workflow gave (<see cref="GivenId"/> the ledger line that holds them, with its points and reason).
    /// </summary>
    private readonly record struct Step(DateTime At, byte Kind, long EventId, int Week, long GivenId, IReadOnlyList<ScoringRule> Rules, int GivenPoints, string? Reason);

    /// <summary>
    /// What a ledger line is compared by: 0 for no event or rule, -1 for no week; <see cref="GivenId"/> the line of
    /// points a workflow gave (0 for a rule's); <see cref="Texts"/> whether its type and reason are its rule's, or a workflow's.
    /// </summary>
    private readonly record struct LineKey(DateTime At, long EventId, int RuleId, int Week, long GivenId, int Points, int RulePoints, int ScoreAfter, bool Texts);

    /// <summary>A ledger line: its key, the rule that wrote it or the reason a workflow gave, and its id once stored.</summary>
    private readonly record struct Line(LineKey Key, ScoringRule? Rule, string? Reason, long Id = 0)
    {
        /// <summary>What a line stays the same line by: its event or week and rule, or the points a workflow gave.</summary>
        public (long, int, int, long) Identity => (Key.EventId, Key.RuleId, Key.Week, Key.GivenId);

        public ScoreEntry ToEntry(int clientId) => new()
        {
            ClientId = clientId,
            EventId = Key.EventId == 0 ? null : Key.EventId,
            DecayWeek = Key.Week < 0 ? null : DateOnly.FromDayNumber(Key.Week),
            RuleId = Rule?.Id,
            EventType = Rule?.EventType ?? ScoreEntry.WorkflowPoints,
            Points = Key.Points,
            RulePoints = Key.RulePoints,
            ScoreAfter = Key.ScoreAfter,
            At = Key.At,
            Reason = Rule?.Name ?? Reason!,
        };
    }

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
