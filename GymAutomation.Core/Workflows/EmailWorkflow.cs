using GymAutomation.Core.Calendar;

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

    /// <summary>
    /// For a trigger counted in days (<c>INACTIVE_FOR_DAYS</c>, a member's days without a visit, a membership that
    /// expires in N days), its days; null otherwise.
    /// </summary>
    public int? TriggerDays { get; set; }

    /// <summary>For a "score crosses N" trigger, N; null otherwise.</summary>
    public int? TriggerScore { get; set; }

    /// <summary>For an "enters stage" trigger, the stage; for "a retention alert closed", saved or lost; null otherwise.</summary>
    public string? TriggerValue { get; set; }

    /// <summary>What the workflow is for; a client who reaches it within <see cref="GoalDays"/> of enrolling leaves it, converted.</summary>
    public WorkflowGoal? Goal { get; set; }

    /// <summary>The days after enrolment the goal counts within.</summary>
    public int? GoalDays { get; set; }

    public bool IsActive { get; set; }

    /// <summary>What its emails are for: service emails go before promotional ones due for the same client at once.</summary>
    public EmailPurpose Purpose { get; set; } = EmailPurpose.Service;

    /// <summary>While the client has a retention case being worked (in progress, or assigned), their steps here wait; they resume when it closes.</summary>
    public bool PausesForRetentionCase { get; set; }

    public ReenrolmentPolicy Reenrolment { get; set; } = ReenrolmentPolicy.Never;

    /// <summary>End an enrolment when the client becomes a member (a lead-nurturing sequence has done its job).</summary>
    public bool ExitWhenMember { get; set; }

    /// <summary>End an enrolment when this event happens to the client (for example <c>CLASS_BOOKED</c>); null for none.</summary>
    public string? ExitOnEvent { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<WorkflowStep> Steps { get; set; } = [];
}

/// <summary>What a workflow is for: the outcome its reports count as a conversion.</summary>
public enum WorkflowGoal
{
    BecomesMember,
    FirstVisit,
    BooksClass,
    Renews,
    ComesBack,
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
