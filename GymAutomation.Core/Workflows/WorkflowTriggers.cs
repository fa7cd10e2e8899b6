using GymAutomation.Core.Events;

namespace GymAutomation.Core.Workflows;

/// <summary>The client events that may start a workflow.</summary>
public static class WorkflowTriggers
{
    public static readonly IReadOnlyList<string> All =
    [
        ClientEventTypes.LeadCreated,
        ClientEventTypes.MembershipCreated,
        ClientEventTypes.TrialStarted,
        ClientEventTypes.FirstVisit,
        ClientEventTypes.InactiveForDays,
    ];

    public static bool IsTrigger(string eventType) => All.Contains(eventType);
}
