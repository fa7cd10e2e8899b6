using System.Globalization;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Scoring;
using GymAutomation.Web.CommandLine;
using GymAutomation.Web.Features.Jobs;

namespace GymAutomation.Web.Features.Scoring;

public static class ScoresVerbs
{
    /// <summary><c>scores recalculate</c>: the scoring page's "Recalculate from history", through the job's lease, recorded as the command line's.</summary>
    public static async Task<int> RecalculateAsync(VerbCall call)
    {
        var run = await call.Services.GetRequiredService<ScoreRecalculation>().RunAsync(trigger: JobsVerbs.Trigger);
        var seconds = (run.Duration ?? TimeSpan.Zero).TotalSeconds.ToString("N2", CultureInfo.InvariantCulture);
        await call.Output.WriteLineAsync($"{ScoreRecalculation.JobName}: {run.Outcome}, {run.ItemsProcessed} leads recalculated in {seconds} s.");
        if (run.Outcome == JobOutcome.Succeeded)
        {
            return 0;
        }

        await call.Error.WriteLineAsync($"{(run.Outcome == JobOutcome.Skipped ? "Not run" : "Error")}: {run.Error}");
        return 1;
    }
}
