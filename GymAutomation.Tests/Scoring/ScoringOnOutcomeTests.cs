using GymAutomation.Core.Events;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Scoring;

/// <summary>Scoring rules on a closed retention case: any result, saved or lost, or one outcome.</summary>
public sealed class ScoringOnOutcomeTests : IAsyncLifetime
{
    private ScoringGym scoring = default!;

    public async Task InitializeAsync() => scoring = await ScoringGym.StartAsync();

    public async Task DisposeAsync() => await scoring.DisposeAsync();

    [Fact]
    public async Task A_rule_on_a_closed_case_scores_only_the_result_it_names_live_and_when_recalculated()
    {
        await AddRuleAsync("Any closed case", null, 1);
        await AddRuleAsync("Kept", "saved", 20);
        await AddRuleAsync("Renewed", "Renewed", 5);
        await AddRuleAsync("Lost", "lost", -5);
        await AddRuleAsync("Moved away", "MovedAway", -50);
        var ana = await scoring.CreateLeadAsync("Ana");
        var bea = await scoring.CreateLeadAsync("Bea");
        await scoring.VisitAsync(bea);

        await CloseCaseAsync(ana, AlertOutcome.Renewed);
        await CloseCaseAsync(bea, AlertOutcome.Cancelled);

        Assert.Equal(1 + 20 + 5, await scoring.ScoreOfAsync(ana));
        Assert.Equal(10 + 1 - 5, await scoring.ScoreOfAsync(bea));
        Assert.Equal(["Any closed case", "Kept", "Renewed"], (await scoring.LedgerAsync(ana)).Select(e => e.Reason));
        Assert.Equal(["Visita Registrada", "Any closed case", "Lost"], (await scoring.LedgerAsync(bea)).Select(e => e.Reason));

        await scoring.Gym.Get<ScoreRecalculation>().RunAsync();

        Assert.Equal(26, await scoring.ScoreOfAsync(ana));
        Assert.Equal(6, await scoring.ScoreOfAsync(bea));
        Assert.Equal(["Visita Registrada", "Any closed case", "Lost"], (await scoring.LedgerAsync(bea)).Select(e => e.Reason));
    }

    [Fact]
    public async Task A_result_that_is_not_one_is_refused_next_to_the_field_and_another_event_type_keeps_no_result()
    {
        var rules = scoring.Gym.Get<ScoringRules>();

        var refused = await rules.SaveAsync(null, new ScoringRuleInput { Name = "Maybe", EventType = ClientEventTypes.AlertClosed, EventValue = "maybe", Points = 5 });
        var visit = await rules.SaveAsync(null, new ScoringRuleInput { Name = "Visit", EventType = ClientEventTypes.VisitRegistered, EventValue = "saved", Points = 5 });

        Assert.Equal("Choose saved, lost or one of their outcomes.", Assert.Single(refused.Errors[nameof(ScoringRuleInput.EventValue)]));
        Assert.False(await HasRuleAsync("Maybe"));
        Assert.True(visit.Succeeded);
        Assert.Null(visit.Value!.EventValue);
    }

    private async Task AddRuleAsync(string name, string? result, int points)
    {
        var saved = await scoring.Gym.Get<ScoringRules>().SaveAsync(
            null, new ScoringRuleInput { Name = name, EventType = ClientEventTypes.AlertClosed, EventValue = result, Points = points });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
    }

    /// <summary>Opens a case and closes it with <paramref name="outcome"/>: the save records the ALERT_CLOSED event, as the board's does.</summary>
    private async Task CloseCaseAsync(int clientId, AlertOutcome outcome)
    {
        scoring.Gym.Time.Advance(TimeSpan.FromMinutes(1));
        await using (var db = scoring.Gym.CreateDb())
        {
            var now = scoring.Gym.Clock.UtcNow;
            var alert = new RetentionAlert { ClientId = clientId, Type = AlertType.NoAttendance, RuleName = "No attendance", RiskScore = 60, CreatedAt = now, UpdatedAt = now };
            db.Set<RetentionAlert>().Add(alert);
            await db.SaveChangesAsync();
            alert.Status = AlertStatus.Resolved;
            alert.Outcome = outcome;
            alert.ClosedAt = now;
            await db.SaveChangesAsync();
        }

        await scoring.DrainAsync();
    }

    private async Task<bool> HasRuleAsync(string name)
    {
        await using var db = scoring.Gym.CreateDb();
        return await db.ScoringRules.AnyAsync(r => r.Name == name);
    }
}
