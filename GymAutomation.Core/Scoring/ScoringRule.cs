namespace GymAutomation.Core.Scoring;

/// <summary>
/// "When a lead does X, add (or remove) N points." A rule on <c>INACTIVE_FOR_DAYS</c> is a decay rule: the weekly
/// <c>decay-lead-scores</c> job applies it to leads without activity, never an event (see docs/decisions/lead-scoring.md).
/// </summary>
public class ScoringRule
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>One of <see cref="Events.ClientEventTypes"/>.</summary>
    public required string EventType { get; set; }

    /// <summary>
    /// For <c>ALERT_CLOSED</c>: only a case closed as saved, as lost or with one outcome
    /// (<see cref="Workflows.WorkflowTriggers.AlertResults"/>); null: any event of the type.
    /// </summary>
    public string? EventValue { get; set; }

    /// <summary>Points added (negative: removed) each time the rule applies.</summary>
    public int Points { get; set; }

    public bool IsActive { get; set; } = true;

    public string? Description { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool IsDecay => EventType == Events.ClientEventTypes.InactiveForDays;
}
