using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Demo;

/// <summary>At start-up, after migrations and the bootstrap admin: applies the demo gym when the settings ask for it.</summary>
internal sealed class DemoGymSeeder(DemoGym demoGym, IDbContextFactory<GymDbContext> dbFactory, IOptions<DemoOptions> options) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedOnStart || (options.Value.SeedOnFirstRun && !await AnyClientAsync(cancellationToken)))
        {
            await demoGym.ApplyAsync(cancellationToken);
        }
    }

    private async Task<bool> AnyClientAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Clients.AnyAsync(cancellationToken);
    }
}
