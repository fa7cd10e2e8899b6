using GymAutomation.Core.Clients;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Scoring;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.CommandLine;

/// <summary><c>scores recalculate</c>: the scoring page's "Recalculate from history", from a terminal.</summary>
public sealed class ScoresCommandTests : IAsyncDisposable
{
    private readonly CommandLineGym gym = new();

    public ValueTask DisposeAsync() => gym.DisposeAsync();

    [Fact]
    public async Task Scores_recalculate_replays_every_lead_prints_how_many_and_how_long_and_exits_0()
    {
        Assert.Equal(0, (await gym.RunAsync("jobs", "list")).Exit);
        await using (var db = gym.CreateDb())
        {
            var now = DateTime.UtcNow;
            var lead = new Client { FirstName = "Ana", Status = ClientStatus.Lead, Stage = PipelineStage.New, CreatedAt = now, UpdatedAt = now };
            db.Clients.Add(lead);
            db.Clients.Add(new Client { FirstName = "Bea", Status = ClientStatus.Lead, Stage = PipelineStage.New, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
            // A score no history explains: the recalculation takes it back to what the (empty) history gives.
            db.LeadScores.Add(new LeadScore { ClientId = lead.Id, Score = 40, UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        var result = await gym.RunAsync("scores", "recalculate");

        Assert.Equal((0, ""), (result.Exit, result.Error));
        Assert.Matches($"^{ScoreRecalculation.JobName}: Succeeded, 2 leads recalculated in [0-9.,]+ s\\.$", Assert.Single(result.OutputLines));
        await using var read = gym.CreateDb();
        Assert.Equal(0, await read.LeadScores.CountAsync());
        var run = await read.JobRuns.SingleAsync(r => r.JobName == ScoreRecalculation.JobName);
        Assert.Equal(("cli", JobOutcome.Succeeded, 2), (run.Trigger, run.Outcome, run.ItemsProcessed));
    }

    [Fact]
    public async Task Scores_recalculate_while_another_run_holds_the_lease_exits_1_saying_why()
    {
        Assert.Equal(0, (await gym.RunAsync("jobs", "list")).Exit);
        await using (var db = gym.CreateDb())
        {
            db.JobLeases.Add(new JobLease { JobName = ScoreRecalculation.JobName, Owner = "other-host:42", LeasedUntil = DateTime.UtcNow.AddMinutes(30) });
            await db.SaveChangesAsync();
        }

        var result = await gym.RunAsync("scores", "recalculate");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith($"{ScoreRecalculation.JobName}: Skipped", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("Not run: ", result.Error, StringComparison.Ordinal);
    }
}
