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

    public static IReadOnlyList<string> All { get; } =
    [
        LeadCreated, MembershipCreated, TrialStarted, FirstVisit, VisitRegistered, ClassBooked, ClassCancelled,
        PurchaseMade, PaymentFailed, EmailOpened, EmailClicked, FormSubmitted, MessageReplied, InactiveForDays,
    ];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
