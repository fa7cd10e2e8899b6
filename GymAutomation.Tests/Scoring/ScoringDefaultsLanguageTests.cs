using GymAutomation.Core.Scoring;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Scoring;

/// <summary>The default rules and automation are data the staff read: they are written in the gym's language.</summary>
public sealed class ScoringDefaultsLanguageTests
{
    [Theory]
    [InlineData("es", "Lead caliente a 70", "Una entrada registrada en recepción.")]
    [InlineData("en", "Hot lead at 70", "A check-in at the front desk.")]
    public async Task The_defaults_follow_gym_language(string language, string automation, string visitRule)
    {
        await using var gym = await TestGym.StartAsync(new Dictionary<string, string?> { ["Gym:Language"] = language });
        await using var db = gym.CreateDb();

        Assert.Equal(automation, (await db.ScoringAutomations.SingleAsync()).Name);
        Assert.Equal(visitRule, (await db.ScoringRules.SingleAsync(r => r.EventType == Core.Events.ClientEventTypes.VisitRegistered)).Description);
    }
}
