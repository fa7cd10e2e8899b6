using GymAutomation.Core.Clients;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// One step's email to one client. The row is written — claimed — before the email goes out, and a unique index on
/// (enrolment, step) means a step can be claimed once: a crash after the claim leaves a <see cref="EmailSendStatus.Claimed"/>
/// row that is shown to staff, never sent again on its own.
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

    public DateTime? SentAt { get; set; }

    /// <summary>Delivery attempts so far; a failing SMTP server is retried with back-off until the configured maximum.</summary>
    public int Attempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public string? Error { get; set; }

    /// <summary>The Message-ID the email went out with.</summary>
    public string? MessageId { get; set; }

    public required string ToAddress { get; set; }

    /// <summary>The subject and body as the client saw them, rendered at the claim.</summary>
    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public required string TextBody { get; set; }

    public DateTime? OpenedAt { get; set; }

    public DateTime? ClickedAt { get; set; }

    public WorkflowEnrolment Enrolment { get; set; } = null!;

    public WorkflowStep Step { get; set; } = null!;

    public Client Client { get; set; } = null!;
}

public enum EmailSendStatus
{
    /// <summary>Taken for sending; a row left here by a crash is shown, not retried on its own.</summary>
    Claimed,

    /// <summary>The SMTP server refused or could not be reached; retried at <see cref="EmailSend.NextAttemptAt"/>.</summary>
    Retrying,

    Sent,

    /// <summary>Given up after the configured attempts; the error is kept.</summary>
    Failed,
}
