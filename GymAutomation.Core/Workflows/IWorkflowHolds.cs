using GymAutomation.Core.Data;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Who the workflows that pause for a retention case (<see cref="EmailWorkflow.PausesForRetentionCase"/>) must leave
/// alone for now. Retention sits above the workflows, so it answers through this.
/// </summary>
public interface IWorkflowHolds
{
    /// <summary>The clients with a retention case being worked — in progress, or assigned to someone — as a query to compose.</summary>
    IQueryable<int> ClientsInRetentionCase(GymDbContext db);
}
