using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Tells the jobs that record day-count events the day counts active workflows wait for: <c>check-inactive-leads</c>
/// those of <c>INACTIVE_FOR_DAYS</c>, <c>check-members</c> those of a member's days without a visit and of a
/// membership that expires in N days.
/// </summary>
public sealed class WorkflowInactivityDays(IDbContextFactory<GymDbContext> dbFactory)
{
    public Task<IReadOnlyCollection<int>> GetAsync(CancellationToken cancellationToken) =>
        GetAsync(ClientEventTypes.InactiveForDays, cancellationToken);

    public async Task<IReadOnlyCollection<int>> GetAsync(string trigger, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EmailWorkflows
            .Where(w => w.IsActive && w.TriggerEvent == trigger && w.TriggerDays != null)
            .Select(w => w.TriggerDays!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
    }
}
