using GymAutomation.Core.Clients;

namespace GymAutomation.Core.Scoring;

/// <summary>A lead's current score, with its last change for the leaderboard. The ledger (<see cref="ScoreEntry"/>) explains it.</summary>
public class LeadScore
{
    public int ClientId { get; set; }

    public Client? Client { get; set; }

    /// <summary>Never below zero (see <see cref="Apply"/>).</summary>
    public int Score { get; set; }

    /// <summary>When the score last changed.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>The points the last change applied.</summary>
    public int LastPoints { get; set; }

    /// <summary>Why it last changed: the rule's name.</summary>
    public string? LastReason { get; set; }

    /// <summary>
    /// Applies a rule's points to a score: the score never goes below zero, so a removal from a low score removes only
    /// what is there. Returns the points actually applied and the score after.
    /// </summary>
    public static (int Applied, int After) Apply(int score, int points)
    {
        var after = Math.Max(0, score + points);
        return (after - score, after);
    }

    /// <summary>Moves this score to where a ledger line says it is now.</summary>
    public void Take(ScoreEntry entry)
    {
        Score = entry.ScoreAfter;
        LastPoints = entry.Points;
        LastReason = entry.Reason;
        UpdatedAt = entry.At;
    }
}

/// <summary>
/// One line of a lead's immutable score ledger: a rule applied to an event (or, for decay, to a week without
/// activity). Unique per (event, rule), so an event delivered twice scores once.
/// </summary>
public class ScoreEntry : Workflows.IScoreLine
{
    public long Id { get; set; }

    public int ClientId { get; set; }

    /// <summary>The event the rule applied to; null for decay.</summary>
    public long? EventId { get; set; }

    /// <summary>The gym week (its Monday) a decay entry belongs to; null for an event's entry.</summary>
    public DateOnly? DecayWeek { get; set; }

    /// <summary>The rule that applied; null for points a workflow's update step gave (its name is the reason).</summary>
    public int? RuleId { get; set; }

    public ScoringRule? Rule { get; set; }

    /// <summary>The event type the rule is on (<c>INACTIVE_FOR_DAYS</c> for decay).</summary>
    public required string EventType { get; set; }

    /// <summary>The points applied, which differ from <see cref="RulePoints"/> only when the score floored at zero.</summary>
    public int Points { get; set; }

    /// <summary>The rule's points when it applied.</summary>
    public int RulePoints { get; set; }

    public int ScoreAfter { get; set; }

    public DateTime At { get; set; }

    /// <summary>The rule's name when it applied.</summary>
    public required string Reason { get; set; }

    /// <summary>The <see cref="EventType"/> of points a workflow's update step gave.</summary>
    public const string WorkflowPoints = "WORKFLOW_POINTS";

    /// <summary>The line of points a workflow's update step gives a lead at <paramref name="scoreBefore"/>.</summary>
    public static ScoreEntry ForWorkflow(int clientId, int scoreBefore, int points, string reason, DateTime at)
    {
        var (applied, after) = LeadScore.Apply(scoreBefore, points);
        return new ScoreEntry
        {
            ClientId = clientId,
            EventType = WorkflowPoints,
            Points = applied,
            RulePoints = points,
            ScoreAfter = after,
            At = at,
            Reason = reason,
        };
    }

    /// <summary>The line that applying <paramref name="rule"/> to a lead at <paramref name="scoreBefore"/> writes.</summary>
    public static ScoreEntry For(ScoringRule rule, int clientId, int scoreBefore, DateTime at, long? eventId = null, DateOnly? decayWeek = null)
    {
        var (applied, after) = LeadScore.Apply(scoreBefore, rule.Points);
        return new ScoreEntry
        {
            ClientId = clientId,
            EventId = eventId,
            DecayWeek = decayWeek,
            RuleId = rule.Id,
            EventType = rule.EventType,
            Points = applied,
            RulePoints = rule.Points,
            ScoreAfter = after,
            At = at,
            Reason = rule.Name,
        };
    }
}

/// <summary>
/// A week in which the decay found a lead without activity. Kept apart from the ledger so that a rerun in the same
/// week does nothing, and so that a recalculation replays the decay of that week with the rules of today.
/// </summary>
public class ScoreDecay
{
    public int ClientId { get; set; }

    /// <summary>The Monday of the gym week.</summary>
    public DateOnly Week { get; set; }

    public DateTime DecayedAt { get; set; }
}
