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

    /// <summary>Why it ended early (exit condition, unsubscribe, cancelled by whom, the send that failed).</summary>
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
