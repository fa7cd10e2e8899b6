using GymAutomation.Core.Clients;
using GymAutomation.Core.Email;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Timeline;

/// <summary>The families of things a client's timeline shows, one filter chip each.</summary>
public enum TimelineKind
{
    Visit,
    Booking,
    Order,
    Payment,
    Membership,
    Email,
    Score,
    Workflow,
    Alert,
}

/// <summary>
/// Where an entry comes from. Part of the sort order (time, then source, then the row's id), so two entries at the same
/// instant always come in the same order and a page's last entry is an exact place to continue from.
/// </summary>
public enum TimelineSource
{
    Visit,
    Booking,
    ClassTaken,
    Order,
    Payment,
    MembershipStarted,
    MembershipEnded,
    EmailSent,
    EmailEngaged,
    Score,
    Enrolled,
    EnrolmentEnded,
    AlertOpened,
    AlertActivity,
    GoalReached,
}

/// <summary>Where a page ends: the next page holds the entries strictly older than this one, in the timeline's order.</summary>
public sealed record TimelineCursor(DateTime At, TimelineSource Source, long Id)
{
    /// <summary>The timeline's order, newest first: a later time, then a higher source, then a higher id comes first.</summary>
    public static int NewestFirst(TimelineCursor a, TimelineCursor b)
    {
        var order = b.At.CompareTo(a.At);
        if (order == 0)
        {
            order = b.Source.CompareTo(a.Source);
        }

        return order == 0 ? b.Id.CompareTo(a.Id) : order;
    }
}

/// <summary>Where an entry leads: the alert on the retention board, the email in the sent-emails log.</summary>
public enum TimelineLink
{
    None,
    Alert,
    Email,
}

/// <summary>
/// One thing that happened to a client, kept as data (the Web writes its words in the reader's language). Which of
/// the optional fields are set depends on <see cref="Source"/>.
/// </summary>
public sealed record TimelineEntry
{
    public required TimelineKind Kind { get; init; }

    public required TimelineSource Source { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public required DateTime At { get; init; }

    /// <summary>The id of the row behind it, in its own table.</summary>
    public required long Id { get; init; }

    public TimelineCursor Position => new(At, Source, Id);

    /// <summary>A class, a plan, an order's description, an email's subject, a rule's or a workflow's name.</summary>
    public string? Name { get; init; }

    /// <summary>A note, a reason, an error, an assignee's name.</summary>
    public string? Text { get; init; }

    /// <summary>Who on the staff did it.</summary>
    public string? StaffName { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>Score points, or the risk an alert had before it was raised.</summary>
    public int? Points { get; init; }

    /// <summary>The score after, or an alert's risk.</summary>
    public int? Score { get; init; }

    /// <summary>A class's time.</summary>
    public DateTime? ClassAt { get; init; }

    public DateOnly? Day { get; init; }

    public BookingStatus? BookingStatus { get; init; }

    public PaymentStatus? PaymentStatus { get; init; }

    public MembershipStatus? MembershipStatus { get; init; }

    public EmailSendStatus? EmailStatus { get; init; }

    /// <summary>Why an email did not go out, when it failed, is retrying or is unconfirmed (<see cref="Text"/> has the server's words).</summary>
    public EmailFailure? EmailFailure { get; init; }

    /// <summary>For <see cref="TimelineSource.EmailEngaged"/>: clicked rather than opened.</summary>
    public bool Clicked { get; init; }

    public EnrolmentStatus? EnrolmentStatus { get; init; }

    /// <summary>Why an enrolment ended early (<see cref="Text"/> what it names).</summary>
    public EnrolmentEnding? Ending { get; init; }

    public AlertActivityKind? AlertActivity { get; init; }

    public AlertType? AlertType { get; init; }

    public AlertOutcome? Outcome { get; init; }

    public TimelineLink Link { get; init; }

    /// <summary>The alert's or the email send's id for <see cref="Link"/>.</summary>
    public long? LinkId { get; init; }
}

/// <summary>A page of a client's timeline, newest first; <see cref="Next"/> continues it, null when there is no more.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, TimelineCursor? Next);
