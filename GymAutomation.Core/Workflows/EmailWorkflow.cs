namespace GymAutomation.Core.Workflows;

/// <summary>
/// A drip sequence: when its trigger happens to a client, the client is enrolled and its steps' emails go out one
/// after another, each its delay in days after the one before (the first after enrolment), until the last is sent
/// or an exit condition ends the enrolment.
/// </summary>
public class EmailWorkflow
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>One of <see cref="WorkflowTriggers.All"/>.</summary>
    public required string TriggerEvent { get; set; }

    /// <summary>For an <c>INACTIVE_FOR_DAYS</c> trigger, the days without activity that enrol a lead; null otherwise.</summary>
    public int? InactiveDays { get; set; }

    public bool IsActive { get; set; }

    public ReenrolmentPolicy Reenrolment { get; set; } = ReenrolmentPolicy.Never;

    /// <summary>End an enrolment when the client becomes a member (a lead-nurturing sequence has done its job).</summary>
    public bool ExitWhenMember { get; set; }

    /// <summary>End an enrolment when this event happens to the client (for example <c>CLASS_BOOKED</c>); null for none.</summary>
    public string? ExitOnEvent { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<WorkflowStep> Steps { get; set; } = [];
}

/// <summary>Whether a client who was enrolled before may be enrolled again by a new trigger.</summary>
public enum ReenrolmentPolicy
{
    /// <summary>Once per client, ever.</summary>
    Never,

    /// <summary>Again once the previous enrolment has ended.</summary>
    AfterCompletion,

    /// <summary>Every trigger starts a new enrolment; an active one is ended first.</summary>
    Always,
}
