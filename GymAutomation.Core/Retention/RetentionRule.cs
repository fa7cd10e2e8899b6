namespace GymAutomation.Core.Retention;

/// <summary>
/// "A member who … is at risk N." Which parameters a rule uses depends on its type (<see cref="RuleParameters"/>):
/// <list type="bullet">
/// <item><c>NO_ATTENDANCE</c>: no visit for <see cref="Days"/> days.</item>
/// <item><c>MEMBERSHIP_EXPIRING</c>: the membership ends within <see cref="Days"/> days, no renewal booked.</item>
/// <item><c>LOW_CLASS_BOOKING</c>: fewer than <see cref="Count"/> bookings in the last <see cref="Days"/> days, by a member who booked before.</item>
/// <item><c>PAYMENT_FAILED</c>: a failed payment in the last <see cref="Days"/> days, none paid since.</item>
/// <item><c>HIGH_CANCELLATION_RATE</c>: at least <see cref="Percent"/>% of the last <see cref="Count"/> bookings of the last <see cref="Days"/> days cancelled.</item>
/// <item><c>NO_FIRST_VISIT</c>: joined <see cref="Days"/> days ago or more, not one visit since.</item>
/// <item><c>LOW_EARLY_ATTENDANCE</c>: fewer than <see cref="Count"/> visits in the first <see cref="Days"/> days after joining.</item>
/// <item><c>ABSENT_LONGER_THAN_USUAL</c>: absent <see cref="Percent"/>% of the member's usual gap between visits (250 = 2.5×) and at
/// least <see cref="Days"/> days, for a member with at least <see cref="Count"/> visits in the 90 days up to their last one.</item>
/// <item><c>VISITS_DROPPED</c>: visits per day in the last <see cref="Days"/> days fell by <see cref="Percent"/>% or more against the 90
/// days before, for a member with at least <see cref="Count"/> visits in those 90 days.</item>
/// </list>
/// </summary>
public class RetentionRule
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public AlertType Type { get; set; }

    public int Days { get; set; }

    public int? Count { get; set; }

    public int? Percent { get; set; }

    /// <summary>0–100: how likely the member is to leave. The board's colour and order, and the digest's order.</summary>
    public int RiskScore { get; set; }

    public bool IsActive { get; set; } = true;

    public string? Description { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Which of a rule's parameters its type uses.</summary>
public static class RuleParameters
{
    public static bool UsesCount(AlertType type) =>
        type is AlertType.LowClassBooking or AlertType.HighCancellationRate or AlertType.LowEarlyAttendance
            or AlertType.AbsentLongerThanUsual or AlertType.VisitsDropped;

    public static bool UsesPercent(AlertType type) => type is AlertType.HighCancellationRate or AlertType.AbsentLongerThanUsual or AlertType.VisitsDropped;

    /// <summary>The largest percentage a type takes: a multiple of the usual gap goes past 100 % (1000 % = 10×).</summary>
    public static int MaxPercent(AlertType type) => type is AlertType.AbsentLongerThanUsual ? 1000 : 100;
}
