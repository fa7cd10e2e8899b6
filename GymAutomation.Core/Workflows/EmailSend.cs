using GymAutomation.Core.Calendar;
using GymAutomation.Core.Clients;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// One step's email to one client, and the record of every attempt to deliver it. The row is written — claimed —
/// before the email goes out, and a unique index on (enrolment, step) means a step can be claimed once. Each attempt
/// is committed as started (<see cref="EmailSendStatus.Sending"/>, with the Message-ID it carries) before the message
/// is handed to the server, and committed again with what became of it: a crash before the start leaves a claim the
/// next run sends; a crash after it leaves a send nobody can vouch for, which becomes
/// <see cref="EmailSendStatus.Unconfirmed"/> and waits for staff. Nothing whose attempt started is sent again on its own.
/// </summary>
public class EmailSend
{
    public long Id { get; set; }

    public long EnrolmentId { get; set; }

    public int StepId { get; set; }

    public int WorkflowId { get; set; }

    public int ClientId { get; set; }

    public EmailSendStatus Status { get; set; } = EmailSendStatus.Claimed;

    public DateTime ClaimedAt { get; set; }

    /// <summary>When the email was due before the contact calendar moved it; null when it went out when due.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>Why the contact calendar moved it from <see cref="DueAt"/> (a cap, a quiet day); none when it was not moved.</summary>
    public SlotMoves MovedBecause { get; set; }

    /// <summary>When the latest attempt was handed to the server: the start of the attempt that <see cref="MessageId"/> names.</summary>
    public DateTime? AttemptStartedAt { get; set; }

    /// <summary>When delivery was confirmed, by the server or by staff (who then vouch for the attempt's start).</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>Attempts started so far; a failing SMTP server is retried with back-off until the configured maximum.</summary>
    public int Attempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    /// <summary>The last attempt's failure, in words, with the server's answer (in English, as the server and the log speak).</summary>
    public string? Error { get; set; }

    /// <summary>
    /// What kind of failure <see cref="Error"/> is, so a screen says it in its reader's language, with the server's words
    /// beneath. Stored by name; null on a send that has not failed, and on sends that failed before the kind was kept.
    /// </summary>
    public Email.EmailFailure? Failure { get; set; }

    /// <summary>The Message-ID of the latest attempt, chosen before it started; earlier ones are kept in <see cref="History"/>.</summary>
    public string? MessageId { get; set; }

    /// <summary>What staff decided about an unconfirmed send, one line each: who, when, and the Message-ID it concerned.</summary>
    public string? History { get; set; }

    public required string ToAddress { get; set; }

    /// <summary>The subject and body as the client saw them, rendered at the claim.</summary>
    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public required string TextBody { get; set; }

    /// <summary>The A/B variant this client got; null for a step without a test.</summary>
    public EmailVariant? Variant { get; set; }

    public DateTime? OpenedAt { get; set; }

    public DateTime? ClickedAt { get; set; }

    public WorkflowEnrolment Enrolment { get; set; } = null!;

    public WorkflowStep Step { get; set; } = null!;

    public Client Client { get; set; } = null!;
}

/// <summary>
/// Where a send stands. Stored by name (<c>EmailSends.Status</c>): the names are read by tools outside the app (the
/// fault harness), so they stay as they are.
/// </summary>
public enum EmailSendStatus
{
    /// <summary>Taken for sending, never attempted: the next run sends it.</summary>
    Claimed,

    /// <summary>
    /// An attempt started (committed before the message went to the server) and its outcome is not recorded yet. Seen
    /// by a run that starts — which holds the job's lease, so the sender that left it is gone — it becomes
    /// <see cref="Unconfirmed"/>.
    /// </summary>
    Sending,

    /// <summary>The server refused or could not be reached; retried at <see cref="EmailSend.NextAttemptAt"/>.</summary>
    Retrying,

    /// <summary>Delivered: the server accepted it, or staff said it arrived.</summary>
    Sent,

    /// <summary>
    /// An attempt started and was never confirmed: the process stopped while the server had it, so it may or may not
    /// have arrived. Never sent again on its own; staff mark it sent or send it again. The enrolment waits meanwhile.
    /// </summary>
    Unconfirmed,

    /// <summary>Given up after the configured attempts; the error is kept.</summary>
    Failed,
}
