namespace GymAutomation.Core.Scoring;

public enum FiringOutcome
{
    /// <summary>The action was carried out.</summary>
    Applied,

    /// <summary>Nothing to do (already at or past the stage, already assigned, nobody to notify, not enrolled in the workflow).</summary>
    Skipped,
}

/// <summary>One firing of a scoring automation for a lead: when, at what score, and what came of it.</summary>
public class AutomationFiring
{
    public long Id { get; set; }

    public int AutomationId { get; set; }

    public ScoringAutomation? Automation { get; set; }

    public int ClientId { get; set; }

    /// <summary>The event whose points crossed the threshold; null for a recalculation.</summary>
    public long? EventId { get; set; }

    public int ScoreBefore { get; set; }

    public int ScoreAfter { get; set; }

    public DateTime FiredAt { get; set; }

    public AutomationAction Action { get; set; }

    public FiringOutcome Outcome { get; set; }

    /// <summary>
    /// What the screen needs to say what happened: the stage the lead was at (move), the staff member's name
    /// (assign, notify), the workflow's name (start a workflow).
    /// </summary>
    public string? Detail { get; set; }
}

/// <summary>A note for a staff member that a lead reached a score (the notify action), until they read it.</summary>
public class StaffNotification
{
    public long Id { get; set; }

    public required string StaffUserId { get; set; }

    public int ClientId { get; set; }

    public int AutomationId { get; set; }

    public int Score { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
