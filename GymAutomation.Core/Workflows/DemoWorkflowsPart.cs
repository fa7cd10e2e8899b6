using GymAutomation.Core.Demo;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>The original system's two workflows in the demo gym, added by name when missing.</summary>
internal sealed class DemoWorkflowsPart(GymClock clock) : IDemoPart
{
    public int Order => DemoPartOrder.Clients + 200;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var existing = await demo.Db.EmailWorkflows.Select(w => w.Name).ToListAsync(cancellationToken);
        // Switched on since the start of the demo's history: saving them records it so.
        var missing = DemoWorkflows.All(clock.UtcNow.AddDays(-DemoCalendar.HistoryDays)).Where(w => !existing.Contains(w.Name)).ToList();
        demo.Db.EmailWorkflows.AddRange(missing);
        await demo.Db.SaveChangesAsync(cancellationToken);
        demo.Count("email workflows", missing.Count);
    }
}
