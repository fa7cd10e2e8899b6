using GymAutomation.Core.Data;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Retention;

/// <summary>A case is being worked while its alert is in progress, or open and assigned to someone.</summary>
internal sealed class RetentionCaseHolds : IWorkflowHolds
{
    public IQueryable<int> ClientsInRetentionCase(GymDbContext db) =>
        db.Set<RetentionAlert>()
            .Where(a => a.Status == AlertStatus.InProgress || (a.Status == AlertStatus.Open && a.AssignedToId != null))
            .Select(a => a.ClientId);
}
