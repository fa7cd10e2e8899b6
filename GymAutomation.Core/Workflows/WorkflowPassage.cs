namespace GymAutomation.Core.Workflows;

/// <summary>
/// A client passed a step: recorded once per enrolment and step (the unique key), in the same transaction that moves
/// the client on. For a branching step it records the path taken, so a retry or a second process never takes the
/// other one; for an update or a notification, that it was done. The flow editor counts clients past each step from it.
/// </summary>
public class WorkflowPassage
{
    public long Id { get; set; }

    public long EnrolmentId { get; set; }

    public int StepId { get; set; }

    public int WorkflowId { get; set; }

    public int ClientId { get; set; }

    /// <summary>For a branching step, the path taken; <see cref="StepBranch.Main"/> for the others.</summary>
    public StepBranch Branch { get; set; }

    public DateTime PassedAt { get; set; }
}
