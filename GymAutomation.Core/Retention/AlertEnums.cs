namespace GymAutomation.Core.Retention;

/// <summary>
/// What put a member at risk. The seed's five types, two for new members, whose first weeks decide most churn, and two
/// measured against the member's own habit (<see cref="MemberBaseline"/>).
/// Stored, and shown to the API, by their upper-case names (<see cref="AlertTypes"/>).
/// </summary>
public enum AlertType
{
    NoAttendance,
    MembershipExpiring,
    LowClassBooking,
    PaymentFailed,
    HighCancellationRate,
    NoFirstVisit,
    LowEarlyAttendance,
    AbsentLongerThanUsual,
    VisitsDropped,
}

/// <summary>Where an alert is on the board. <see cref="Open"/> and <see cref="InProgress"/> are "open": at most one per client and type.</summary>
public enum AlertStatus
{
    Open,
    InProgress,
    Resolved,
    Dismissed,
}

/// <summary>
/// How an alert ended. Staff pick from <see cref="AlertTypes.StaffOutcomes"/>; the scan's own resolutions use Paid and
/// MembershipEnded too. New values go at the end: the database stores the number. Saved or lost: <see cref="AlertOutcomes"/>.
/// </summary>
public enum AlertOutcome
{
    Contacted,
    Renewed,
    Returned,
    Cancelled,
    Other,
    Paid,
    MembershipEnded,
    Frozen,
    Upgraded,
    MovedAway,
    Unreachable,
}

/// <summary>A line in an alert's history.</summary>
public enum AlertActivityKind
{
    Opened,
    RiskRaised,
    Assigned,
    Unassigned,
    Started,
    MovedToOpen,
    Resolved,
    Dismissed,
    Note,
}

/// <summary>The upper-case names the seed, the database and the API use for alert types and states.</summary>
public static class AlertTypes
{
    public static IReadOnlyList<AlertType> All { get; } = Enum.GetValues<AlertType>();

    /// <summary>The outcomes staff choose from, saved ones first, then lost ones, then those that say neither.</summary>
    public static IReadOnlyList<AlertOutcome> StaffOutcomes { get; } =
    [
        AlertOutcome.Returned, AlertOutcome.Renewed, AlertOutcome.Upgraded,
        AlertOutcome.Cancelled, AlertOutcome.MovedAway, AlertOutcome.Unreachable,
        AlertOutcome.Contacted, AlertOutcome.Other,
    ];

    public static string Code(AlertType type) => type switch
    {
        AlertType.NoAttendance => "NO_ATTENDANCE",
        AlertType.MembershipExpiring => "MEMBERSHIP_EXPIRING",
        AlertType.LowClassBooking => "LOW_CLASS_BOOKING",
        AlertType.PaymentFailed => "PAYMENT_FAILED",
        AlertType.HighCancellationRate => "HIGH_CANCELLATION_RATE",
        AlertType.NoFirstVisit => "NO_FIRST_VISIT",
        AlertType.LowEarlyAttendance => "LOW_EARLY_ATTENDANCE",
        AlertType.AbsentLongerThanUsual => "ABSENT_LONGER_THAN_USUAL",
        AlertType.VisitsDropped => "VISITS_DROPPED",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Code(AlertStatus status) => status switch
    {
        AlertStatus.Open => "OPEN",
        AlertStatus.InProgress => "IN_PROGRESS",
        AlertStatus.Resolved => "RESOLVED",
        AlertStatus.Dismissed => "DISMISSED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseType(string? code, out AlertType type)
    {
        type = All.FirstOrDefault(t => string.Equals(Code(t), code, StringComparison.OrdinalIgnoreCase));
        return code is not null && string.Equals(Code(type), code, StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseStatus(string? code, out AlertStatus status)
    {
        status = Enum.GetValues<AlertStatus>().FirstOrDefault(s => string.Equals(Code(s), code, StringComparison.OrdinalIgnoreCase));
        return code is not null && string.Equals(Code(status), code, StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsOpen(AlertStatus status) => status is AlertStatus.Open or AlertStatus.InProgress;
}
