using GymAutomation.Core.Data;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Demo;

/// <summary>At start-up, after migrations and the bootstrap admin: applies the demo gym when the settings ask for it.</summary>
internal sealed class DemoGymSeeder(DemoGym demoGym, IOptions<DemoOptions> options) : IStartupTask
{
    /// <summary>Before the engines' defaults: the demo, when it seeds, creates them itself, dated to the start of its history.</summary>
    public int Order => 300;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedOnStart || (options.Value.SeedOnFirstRun && await demoGym.IsFirstRunAsync(cancellationToken)))
        {
            await demoGym.ApplyAsync(cancellationToken);
        }
    }
}
