using GymAutomation.Core.Demo;
using GymAutomation.Web.CommandLine;

namespace GymAutomation.Web.Features.Demo;

public static class DemoVerbs
{
    /// <summary><c>seed-demo</c>: what <c>--seed-demo</c> does at start (<see cref="DemoGym.ApplyAsync"/>), without serving afterwards.</summary>
    public static async Task<int> SeedAsync(VerbCall call)
    {
        var report = await call.Services.GetRequiredService<DemoGym>().ApplyAsync();
        await call.Output.WriteLineAsync(report.AddedAnything
            ? $"Demo gym applied in {report.Elapsed.TotalSeconds:0.0} s. Added: {report}."
            : $"Demo gym applied in {report.Elapsed.TotalSeconds:0.0} s: {report}.");
        return 0;
    }
}
