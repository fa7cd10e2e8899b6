using System.Diagnostics;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GymAutomation.Core.Demo;

/// <summary>Applies the demo gym: every <see cref="IDemoPart"/>, in order, in one transaction. Safe to run again.</summary>
public sealed class DemoGym(IServiceScopeFactory scopes, ILogger<DemoGym> logger)
{
    public async Task<DemoSeedReport> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GymDbContext>();
        var demo = new DemoSeedContext(db);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var part in DeclaredOrder.Sort(scope.ServiceProvider.GetServices<IDemoPart>(), p => p.Order))
            {
                await part.ApplyAsync(demo, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var report = new DemoSeedReport(demo.Added, stopwatch.Elapsed);
        logger.LogInformation("Demo gym applied in {ElapsedMs} ms; added: {Added}", (long)report.Elapsed.TotalMilliseconds, report);
        return report;
    }

    /// <summary>Whether the gym is on its first run: no part finds what it would add (a gym with clients is not).</summary>
    public async Task<bool> IsFirstRunAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GymDbContext>();
        foreach (var part in scope.ServiceProvider.GetServices<IDemoPart>())
        {
            if (await part.IsInGymAsync(db, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }
}
