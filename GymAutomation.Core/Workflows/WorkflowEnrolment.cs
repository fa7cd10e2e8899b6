using GymAutomation.Core.Calendar;
using GymAutomation.Core.Clients;

namespace GymAutomation.Core.Workflows;

/// <summary>A client's way through a workflow: where they are, and when their next email is due.</summary>
public class WorkflowEnrolment
{
    public long Id { get; set; }

    public int WorkflowId { get; set; }

    public int ClientId { get; set; }

    public EnrolmentStatus Status { get; set; } = EnrolmentStatus.Active;

    /// <summary>The step to send next; null once the enrolment has ended.</summary>
    public int? NextStepId { get; set; }

    /// <summary>When <see cref="NextStepId"/> is due (UTC).</summary>
    public DateTime? NextDueAt { get; set; }

    /// <summary>
    /// When the email the client waits for was due before the contact calendar moved it (a cap, a quiet day); null
    /// when it was not moved. Handed to its send at the claim (<see cref="EmailSend.DueAt"/>).
    /// </summary>
    public DateTime? MovedFromDueAt { get; set; }

    /// <summary>Why the contact calendar moved the email the client waits for.</summary>
    public SlotMoves MovedBecause { get; set; }

    /// <summary>When the client reached <see cref="NextStepId"/>: a wait-until counts only events from then.</summary>
    public DateTime? StepReachedAt { get; set; }

    /// <summary>When the client reached the workflow's goal; null if they have not (yet).</summary>
    public DateTime? GoalReachedAt { get; set; }

    public DateTime EnrolledAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>Why it ended early; null when it ran to its last step. Stored by name.</summary>
    public EnrolmentEnding? Ending { get; set; }

    /// <summary>What the ending names: the exit event's type, or the mail server's words for an email it could not deliver.</summary>
    public string? EndReason { get; set; }

    /// <summary>The event that enrolled the client; null when staff started it by hand.</summary>
    public long? TriggerEventId { get; set; }

    public EmailWorkflow Workflow { get; set; } = null!;

    public Client Client { get; set; } = null!;
}

public enum EnrolmentStatus
{
    Active,
    Completed,
    Exited,
    Cancelled,
    Failed,
}

/// <summary>Why an enrolment ended before its last step; screens word it in the reader's language.</summary>
public enum EnrolmentEnding
{
    /// <summary>The client reached the workflow's goal.</summary>
    GoalReached,

    /// <summary>The client unsubscribed from the emails.</summary>
    Unsubscribed,

    /// <summary>The client became a member, and the workflow exits members.</summary>
    BecameMember,

    /// <summary>One of the workflow's exit events happened (<see cref="WorkflowEnrolment.EndReason"/> its type).</summary>
    ExitEvent,

    /// <summary>The client was enrolled again, which restarts the workflow.</summary>
    EnrolledAgain,

    /// <summary>An email step came and the client has no email address.</summary>
    NoEmailAddress,

    /// <summary>An email could not be delivered after every attempt (<see cref="WorkflowEnrolment.EndReason"/> the server's words).</summary>
    Undeliverable,
}
