using GymAutomation.Core.Clients;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Timeline;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Features.Clients;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GymAutomation.Web.Features.Timeline;

/// <summary>A timeline entry's title, detail line, icon, colour and link, in the reader's language.</summary>
public sealed class TimelineWords(
    IStringLocalizer<TimelineText> text,
    IStringLocalizer<ClientsText> clients,
    IStringLocalizer<Email.EmailText> email,
    IStringLocalizer<WorkflowReportText> workflows,
    GymFormat format)
{
    public const string BoardAddress = "/marketing/automation/retention/";
    public const string EmailsAddress = "/marketing/automation/emails/";

    public string KindName(TimelineKind kind) => text[$"Kind.{kind}"];

    public string Title(TimelineEntry e) => e.Source switch
    {
        TimelineSource.Visit => text["Visit"],
        TimelineSource.Booking => text["Booked", e.Name ?? ""],
        TimelineSource.ClassTaken => e.BookingStatus == BookingStatus.NoShow ? text["NoShow", e.Name ?? ""] : text["Attended", e.Name ?? ""],
        TimelineSource.Order => string.IsNullOrWhiteSpace(e.Name) ? text["Order"] : text["OrderOf", e.Name],
        TimelineSource.Payment => text[$"Payment.{e.PaymentStatus}"],
        TimelineSource.MembershipStarted => text["MembershipStarted", e.Name ?? ""],
        TimelineSource.MembershipEnded => text["MembershipEnded", e.Name ?? ""],
        TimelineSource.EmailSent => text[$"Email.{e.EmailStatus}"],
        TimelineSource.EmailEngaged => e.Clicked ? text["EmailClicked"] : text["EmailOpened"],
        TimelineSource.Score => text["Score", Signed(e.Points ?? 0), e.Name ?? ""],
        TimelineSource.Enrolled => text["Enrolled", e.Name ?? ""],
        TimelineSource.EnrolmentEnded => text[$"Enrolment.{e.EnrolmentStatus}", e.Name ?? ""],
        TimelineSource.GoalReached => text["GoalReached", e.Name ?? ""],
        TimelineSource.AlertOpened => text["Alert.Opened", e.AlertType is { } opened ? RetentionText.TypeName(opened) : ""],
        TimelineSource.AlertActivity => text[$"Alert.{e.AlertActivity}", e.AlertType is { } type ? RetentionText.TypeName(type) : ""],
        _ => e.Source.ToString(),
    };

    public string? Detail(TimelineEntry e) => e.Source switch
    {
        TimelineSource.Booking => Join(text["ClassOn", format.DateTime(e.ClassAt)], e.BookingStatus is BookingStatus.Booked or null ? null : clients.Enum(e.BookingStatus.Value)),
        TimelineSource.Order or TimelineSource.Payment => format.Money(e.Amount),
        TimelineSource.MembershipStarted => Join(
            text["From", format.Date(e.Day)],
            e.MembershipStatus is { } status ? clients.Enum(status) : null,
            e.Amount is null ? null : format.Money(e.Amount)),
        TimelineSource.MembershipEnded => text["LastDay", format.Date(e.Day)],
        TimelineSource.EmailSent => Join(e.Name, e.EmailStatus is EmailSendStatus.Failed or EmailSendStatus.Retrying or EmailSendStatus.Unconfirmed ? EmailFailureWords(e) : null),
        TimelineSource.EmailEngaged => e.Name,
        TimelineSource.Score => text["ScoreAfter", e.Score ?? 0],
        TimelineSource.EnrolmentEnded => EnrolmentEndingWords.Say(workflows, e.Ending, e.Text),
        TimelineSource.AlertOpened => text["Rule", e.Name ?? ""],
        TimelineSource.AlertActivity => AlertDetail(e),
        _ => null,
    };

    /// <summary>The failure in the reader's language; the server's words (in the email's dialog) for a send that failed before the kind was kept.</summary>
    private string? EmailFailureWords(TimelineEntry e) => e.EmailFailure is { } kind ? email.Enum(kind) : e.Text;

    public static string Icon(TimelineKind kind) => kind switch
    {
        TimelineKind.Visit => Icons.Material.Outlined.HowToReg,
        TimelineKind.Booking => Icons.Material.Outlined.EventAvailable,
        TimelineKind.Order => Icons.Material.Outlined.ShoppingCart,
        TimelineKind.Payment => Icons.Material.Outlined.Payments,
        TimelineKind.Membership => Icons.Material.Outlined.CardMembership,
        TimelineKind.Email => Icons.Material.Outlined.Email,
        TimelineKind.Score => Icons.Material.Outlined.TrendingUp,
        TimelineKind.Workflow => Icons.Material.Outlined.AccountTree,
        _ => Icons.Material.Outlined.NotificationImportant,
    };

    public static Color Colour(TimelineEntry e) => e switch
    {
        { PaymentStatus: PaymentStatus.Failed } or { EmailStatus: EmailSendStatus.Failed } or { EnrolmentStatus: EnrolmentStatus.Failed } => Color.Error,
        { Source: TimelineSource.Score, Points: < 0 } => Color.Warning,
        _ => Colour(e.Kind),
    };

    public static Color Colour(TimelineKind kind) => kind switch
    {
        TimelineKind.Visit => Color.Success,
        TimelineKind.Booking => Color.Info,
        TimelineKind.Order or TimelineKind.Payment => Color.Secondary,
        TimelineKind.Membership => Color.Primary,
        TimelineKind.Email => Color.Tertiary,
        TimelineKind.Score => Color.Success,
        TimelineKind.Workflow => Color.Dark,
        _ => Color.Warning,
    };

    public static string? Address(TimelineEntry e) => e.Link switch
    {
        TimelineLink.Alert => $"{BoardAddress}?alert={e.LinkId}",
        TimelineLink.Email => $"{EmailsAddress}?email={e.LinkId}",
        _ => null,
    };

    private string? AlertDetail(TimelineEntry e) => e.AlertActivity switch
    {
        AlertActivityKind.RiskRaised => text["RiskFromTo", e.Points ?? 0, e.Score ?? 0],
        AlertActivityKind.Assigned => Join(text["AssignedTo", e.Text ?? ""], By(e)),
        AlertActivityKind.Resolved => Join(e.Outcome is { } outcome ? RetentionText.OutcomeName(outcome) : null, Quoted(e.Text), By(e)),
        AlertActivityKind.Dismissed or AlertActivityKind.Note => Join(Quoted(e.Text), By(e)),
        _ => By(e),
    };

    private string? By(TimelineEntry e) => e.StaffName is { } staff ? text["By", staff].Value : null;

    private static string? Quoted(string? note) => string.IsNullOrWhiteSpace(note) ? null : $"“{note}”";

    private static string Signed(int points) => points >= 0 ? $"+{points}" : points.ToString(System.Globalization.CultureInfo.CurrentCulture);

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return present.Count == 0 ? null : string.Join(" · ", present);
    }
}
