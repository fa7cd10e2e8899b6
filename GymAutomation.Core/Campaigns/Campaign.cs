using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Campaigns;

/// <summary>
/// A one-off email to a segment, sent now or at a chosen time. Its email, goal and figures live in a workflow of its
/// own (<see cref="WorkflowTriggers.Campaign"/>, one email step) that no event starts: at launch every member of the
/// segment who can receive email is enrolled in it at once, in one transaction with the launch, and the engine sends
/// it like any step — claimed, attempted, confirmed, inside the contact calendar — so a campaign is sent exactly once
/// and its report is the workflow's.
/// </summary>
public class Campaign
{
    public int Id { get; set; }

    public int SegmentId { get; set; }

    public int WorkflowId { get; set; }

    public CampaignStatus Status { get; set; } = CampaignStatus.Draft;

    /// <summary>When it is to go out (UTC); the contact calendar may move a client's email later.</summary>
    public DateTime? SendAt { get; set; }

    /// <summary>When its recipients were enrolled.</summary>
    public DateTime? LaunchedAt { get; set; }

    /// <summary>Clients enrolled at launch: the segment's members then who could receive email.</summary>
    public int? Recipients { get; set; }

    /// <summary>When the last recipient's email was sent (or they left); the campaign is then <see cref="CampaignStatus.Sent"/>.</summary>
    public DateTime? FinishedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public EmailWorkflow Workflow { get; set; } = null!;
}

public enum CampaignStatus
{
    /// <summary>Being written: nothing goes out.</summary>
    Draft,

    /// <summary>Waiting for <see cref="Campaign.SendAt"/>; still editable and cancellable.</summary>
    Scheduled,

    /// <summary>Launched: its recipients are enrolled and their emails are going out.</summary>
    Sending,

    /// <summary>Every recipient's email was sent, or they left (opted out, no address).</summary>
    Sent,

    /// <summary>Cancelled before launch.</summary>
    Cancelled,
}
