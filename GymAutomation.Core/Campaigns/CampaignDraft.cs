using GymAutomation.Core.Calendar;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Campaigns;

/// <summary>A campaign as its page holds it while it is written: nothing is stored until <see cref="Campaigns.SaveAsync"/> has checked all of it.</summary>
public sealed class CampaignDraft
{
    public string Name { get; set; } = "";

    public int? SegmentId { get; set; }

    /// <summary>The email: its subject, its body (from blocks or HTML) and, optionally, an A/B test.</summary>
    public StepDraft Email { get; set; } = StepDraft.New(StepKind.Email, "");

    public WorkflowGoal? Goal { get; set; }

    public int? GoalDays { get; set; }

    /// <summary>When to send (UTC); null to send as soon as it is confirmed.</summary>
    public DateTime? SendAt { get; set; }

    /// <summary>The campaign's workflow: its one email step, a promotional purpose that waits while a retention case is worked, its goal.</summary>
    internal WorkflowDraft Workflow() => new()
    {
        Name = Name,
        TriggerEvent = WorkflowTriggers.Campaign,
        Purpose = EmailPurpose.Promotional,
        PausesForRetentionCase = true,
        Goal = Goal,
        GoalDays = Goal is null ? null : GoalDays,
        Steps = [Named(Email, Name)],
    };

    internal static CampaignDraft From(Campaign campaign, WorkflowDraft workflow) => new()
    {
        Name = workflow.Name,
        SegmentId = campaign.SegmentId,
        Email = workflow.Steps.FirstOrDefault(s => s.Kind == StepKind.Email) ?? StepDraft.New(StepKind.Email, workflow.Name),
        Goal = workflow.Goal,
        GoalDays = workflow.GoalDays,
        SendAt = campaign.SendAt,
    };

    private static StepDraft Named(StepDraft email, string name)
    {
        email.Kind = StepKind.Email;
        email.Name = string.IsNullOrWhiteSpace(email.Name) ? name.Trim() : email.Name;
        return email;
    }
}
