namespace GymAutomation.Core.Workflows;

/// <summary>
/// A notify-staff step reached for a client: a line in the staff member's next digest and on the live board, until
/// they read it. One per enrolment and step.
/// </summary>
public class WorkflowNotification
{
    public long Id { get; set; }

    public required string StaffUserId { get; set; }

    public int ClientId { get; set; }

    public int WorkflowId { get; set; }

    public int StepId { get; set; }

    public long EnrolmentId { get; set; }

    /// <summary>What the staff member is asked to do: the step's name.</summary>
    public required string Message { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When it went out in a digest; null until then.</summary>
    public DateTime? DigestedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
