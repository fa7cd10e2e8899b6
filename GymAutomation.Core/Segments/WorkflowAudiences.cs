using GymAutomation.Core.Data;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Segments;

/// <summary>Segments as a workflow's trigger asks for them (see <see cref="IWorkflowAudiences"/>).</summary>
internal sealed class WorkflowAudiences : IWorkflowAudiences
{
    public async Task<IReadOnlyDictionary<int, string>> NamesAsync(GymDbContext db, CancellationToken cancellationToken) =>
        await db.Segments.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
}
