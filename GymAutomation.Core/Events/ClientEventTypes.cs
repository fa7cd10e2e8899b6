namespace GymAutomation.Core.Events;

/// <summary>
/// What can happen to a client. These exact names are used by the HTTP API, in settings and in the database.
/// </summary>
public static class ClientEventTypes
{
    public const string LeadCreated = "LEAD_CREATED";
    public const string MembershipCreated = "MEMBERSHIP_CREATED";
    public const string TrialStarted = "TRIAL_STARTED";
    public const string FirstVisit = "FIRST_VISIT";
    public const string VisitRegistered = "VISIT_REGISTERED";
    public const string ClassBooked = "CLASS_BOOKED";
    public const string ClassCancelled = "CLASS_CANCELLED";
    public const string PurchaseMade = "PURCHASE_MADE";
    public const string PaymentFailed = "PAYMENT_FAILED";
    public const string EmailOpened = "EMAIL_OPENED";
    public const string EmailClicked = "EMAIL_CLICKED";
    public const string FormSubmitted = "FORM_SUBMITTED";
    public const string MessageReplied = "MESSAGE_REPLIED";
    public const string InactiveForDays = "INACTIVE_FOR_DAYS";

    /// <summary>A member without a visit for <c>{ "days": N }</c> days, recorded once per absence by <c>check-members</c>.</summary>
    public const string MemberInactiveForDays = "MEMBER_INACTIVE_FOR_DAYS";

    /// <summary>A member's membership ends within <c>{ "days": N }</c> days and nothing follows it; by <c>check-members</c>.</summary>
    public const string MembershipExpiring = "MEMBERSHIP_EXPIRING";

    /// <summary>A client's last membership ended and nothing follows it; by <c>check-members</c>.</summary>
    public const string MembershipEnded = "MEMBERSHIP_ENDED";

    /// <summary>A member's freeze ends within <see cref="FreezeEndingDays"/> days: <c>{ "endsOn": "2026-03-13" }</c>; by <c>check-members</c>, once per freeze.</summary>
    public const string FreezeEnding = "FREEZE_ENDING";

    public const int FreezeEndingDays = 3;

    /// <summary>A client's stage changed, to <c>{ "stage": "HotLead" }</c>, whoever changed it.</summary>
    public const string StageChanged = "STAGE_CHANGED";

    /// <summary>A retention alert was resolved: <c>{ "outcome": "Renewed", "result": "saved" }</c> (see <c>AlertResults</c>).</summary>
    public const string AlertClosed = "ALERT_CLOSED";

    /// <summary>A client came to match a saved segment: <c>{ "segment": 12 }</c> (its id); by <c>refresh-segments</c>, once per entry.</summary>
    public const string EnteredSegment = "ENTERED_SEGMENT";

    public static IReadOnlyList<string> All { get; } =
    [
        LeadCreated, MembershipCreated, TrialStarted, FirstVisit, VisitRegistered, ClassBooked, ClassCancelled,
        PurchaseMade, PaymentFailed, EmailOpened, EmailClicked, FormSubmitted, MessageReplied, InactiveForDays,
        MemberInactiveForDays, MembershipExpiring, MembershipEnded, StageChanged, AlertClosed, EnteredSegment, FreezeEnding,
    ];

    /// <summary>Events the app records about a client rather than things the client did: they are not a lead's activity.</summary>
    public static IReadOnlyList<string> Recorded { get; } =
        [InactiveForDays, MemberInactiveForDays, MembershipExpiring, MembershipEnded, StageChanged, AlertClosed, EnteredSegment, FreezeEnding];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
