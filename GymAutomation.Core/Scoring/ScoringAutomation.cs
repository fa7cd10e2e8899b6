using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Scoring;

/// <summary>What a scoring automation does when a lead's score reaches its threshold.</summary>
public enum AutomationAction
{
    /// <summary>Moves the lead forward to <see cref="ScoringAutomation.TargetStage"/> (never back from Trial or Member).</summary>
    MoveToStage,

    /// <summary>Assigns the lead to <see cref="ScoringAutomation.StaffUserId"/>.</summary>
    AssignToStaff,

    /// <summary>Notifies <see cref="ScoringAutomation.StaffUserId"/>, or the lead's assigned staff member when empty.</summary>
    NotifyStaff,

    /// <summary>Enrols the lead in <see cref="ScoringAutomation.WorkflowId"/>, by the workflows' own enrolment rules.</summary>
    StartWorkflow,
}

/// <summary>"When a lead's score reaches ≥ <see cref="Threshold"/>, do <see cref="Action"/>." Fires once per upward crossing.</summary>
public class ScoringAutomation
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public int Threshold { get; set; }

    public AutomationAction Action { get; set; }

    public PipelineStage? TargetStage { get; set; }

    public string? StaffUserId { get; set; }

    public StaffUser? Staff { get; set; }

    /// <summary>The workflow a <see cref="AutomationAction.StartWorkflow"/> automation enrols the lead in; null for the other actions.</summary>
    public int? WorkflowId { get; set; }

    public EmailWorkflow? Workflow { get; set; }

    public bool IsActive { get; set; } = true;

    public string? Description { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>True when a change from <paramref name="before"/> to <paramref name="after"/> crosses the threshold upwards.</summary>
    public bool IsCrossedBy(int before, int after) => before < Threshold && after >= Threshold;
}
