using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>Tells <c>check-inactive-leads</c> the day counts that active <c>INACTIVE_FOR_DAYS</c> workflows wait for.</summary>
public sealed class WorkflowInactivityDays(IDbContextFactory<GymDbContext> dbFactory)
{
    public async Task<IReadOnlyCollection<int>> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EmailWorkflows
            .Where(w => w.IsActive && w.TriggerEvent == ClientEventTypes.InactiveForDays && w.TriggerDays != null)
            .Select(w => w.TriggerDays!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
    }
}
