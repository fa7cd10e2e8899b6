using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Scoring;

/// <summary>What the rule form edits.</summary>
public sealed class ScoringRuleInput
{
    public const int MaxPoints = 1000;

    [RequiredField, MaxChars(100)]
    public string Name { get; set; } = "";

    [RequiredField]
    public string EventType { get; set; } = "";

    /// <summary>For <c>ALERT_CLOSED</c>: saved, lost or one outcome; null or empty for any.</summary>
    public string? EventValue { get; set; }

    /// <summary>Between -<see cref="MaxPoints"/> and <see cref="MaxPoints"/>, not zero.</summary>
    [RequiredField]
    public int? Points { get; set; }

    public bool IsActive { get; set; } = true;

    [MaxChars(500)]
    public string? Description { get; set; }

    public static ScoringRuleInput From(ScoringRule rule) => new()
    {
        Name = rule.Name,
        EventType = rule.EventType,
        EventValue = rule.EventValue,
        Points = rule.Points,
        IsActive = rule.IsActive,
        Description = rule.Description,
    };

    internal void ApplyTo(ScoringRule rule)
    {
        rule.Name = Name.Trim();
        rule.EventType = EventType;
        rule.EventValue = WorkflowTriggers.TakesAlertResult(EventType) && !string.IsNullOrEmpty(EventValue) ? EventValue : null;
        rule.Points = Points!.Value;
        rule.IsActive = IsActive;
        rule.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
    }
}

/// <summary>What the automation form edits.</summary>
public sealed class ScoringAutomationInput
{
    public const int MaxThreshold = 10_000;

    /// <summary>The stages an automation may move a lead to; New is where leads start, Member and Lost are not a score's call.</summary>
    public static readonly IReadOnlyList<PipelineStage> TargetStages = [PipelineStage.Contacted, PipelineStage.HotLead, PipelineStage.Trial];

    [RequiredField, MaxChars(100)]
    public string Name { get; set; } = "";

    /// <summary>Between 1 and <see cref="MaxThreshold"/>.</summary>
    [RequiredField]
    public int? Threshold { get; set; }

    public AutomationAction Action { get; set; } = AutomationAction.MoveToStage;

    public PipelineStage? TargetStage { get; set; } = PipelineStage.HotLead;

    public string? StaffUserId { get; set; }

    /// <summary>The active workflow to enrol the lead in, for <see cref="AutomationAction.StartWorkflow"/>.</summary>
    public int? WorkflowId { get; set; }

    public bool IsActive { get; set; } = true;

    [MaxChars(500)]
    public string? Description { get; set; }

    public static ScoringAutomationInput From(ScoringAutomation automation) => new()
    {
        Name = automation.Name,
        Threshold = automation.Threshold,
        Action = automation.Action,
        TargetStage = automation.TargetStage,
        StaffUserId = automation.StaffUserId,
        WorkflowId = automation.WorkflowId,
        IsActive = automation.IsActive,
        Description = automation.Description,
    };

    internal void ApplyTo(ScoringAutomation automation)
    {
        automation.Name = Name.Trim();
        automation.Threshold = Threshold!.Value;
        automation.Action = Action;
        automation.TargetStage = Action == AutomationAction.MoveToStage ? TargetStage : null;
        automation.StaffUserId = Action is AutomationAction.AssignToStaff or AutomationAction.NotifyStaff && !string.IsNullOrWhiteSpace(StaffUserId) ? StaffUserId : null;
        automation.WorkflowId = Action == AutomationAction.StartWorkflow ? WorkflowId : null;
        automation.IsActive = IsActive;
        automation.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
    }
}
