using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;

namespace GymAutomation.Core.Retention;

/// <summary>
/// A member at risk, for staff to act on. At most one open alert (<c>OPEN</c> or <c>IN_PROGRESS</c>) per client and
/// type: a higher-risk rule raises its risk. The facts columns hold what the rule saw, so the alert explains itself.
/// <see cref="Version"/> is the concurrency token: two people changing one alert get a conflict, not an overwrite.
/// </summary>
public class RetentionAlert
{
    public int Id { get; set; }

    public int ClientId { get; set; }

    public Client? Client { get; set; }

    public AlertType Type { get; set; }

    /// <summary>The rule that opened the alert or last raised its risk.</summary>
    public int? RuleId { get; set; }

    public RetentionRule? Rule { get; set; }

    /// <summary>The rule's name when it matched, kept should the rule be renamed.</summary>
    public required string RuleName { get; set; }

    public int RiskScore { get; set; }

    public AlertStatus Status { get; set; }

    public string? AssignedToId { get; set; }

    public StaffUser? AssignedTo { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When it was resolved or dismissed.</summary>
    public DateTime? ClosedAt { get; set; }

    /// <summary>Null when the scan or a check-in closed it.</summary>
    public string? ClosedById { get; set; }

    public AlertOutcome? Outcome { get; set; }

    /// <summary>The staff member's note on resolving, the reason for dismissing, or why it resolved by itself.</summary>
    public string? ClosingNote { get; set; }

    public bool ClosedAutomatically { get; set; }

    public AlertFacts Facts { get; set; } = new();

    public int Version { get; set; }

    public List<AlertActivity> Activity { get; } = [];

    public bool IsOpen => AlertTypes.IsOpen(Status);
}

/// <summary>What the rule saw: the facts an alert's explanation is written from. Which are set depends on the type.</summary>
public sealed record AlertFacts
{
    /// <summary>The rule's day count when it matched (14 for "no visit for 14 days").</summary>
    public int Days { get; init; }

    /// <summary>The rule's count threshold (fewer than N bookings, the last M bookings, fewer than N visits).</summary>
    public int? Threshold { get; init; }

    public DateTime? LastVisitAt { get; init; }

    public DateOnly? JoinedOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    /// <summary>Bookings, visits or cancellations counted.</summary>
    public int? Counted { get; init; }

    /// <summary>Of how many (bookings considered for a cancellation rate).</summary>
    public int? OutOf { get; init; }

    public DateTime? PaymentFailedAt { get; init; }

    public decimal? PaymentAmount { get; init; }

    /// <summary>The member's usual gap between visits, in days (the median of their last 90 days).</summary>
    public decimal? UsualGapDays { get; init; }
}

/// <summary>A line in an alert's history: opened, risk raised, assigned, started, a note, resolved…</summary>
public class AlertActivity
{
    public long Id { get; set; }

    public int AlertId { get; set; }

    public RetentionAlert? Alert { get; set; }

    public DateTime At { get; set; }

    public AlertActivityKind Kind { get; set; }

    /// <summary>Who did it; null for the scan and the check-in.</summary>
    public string? StaffId { get; set; }

    public string? StaffName { get; set; }

    /// <summary>A note's text, a resolution's note, a dismissal's reason, an assignee's name.</summary>
    public string? Text { get; set; }

    public int? FromRisk { get; set; }

    public int? ToRisk { get; set; }

    public AlertOutcome? Outcome { get; set; }
}
