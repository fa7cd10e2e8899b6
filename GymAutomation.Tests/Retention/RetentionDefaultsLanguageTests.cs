using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Retention;

/// <summary>The default rules' descriptions are data the staff read on the rules page: they are written in the gym's language.</summary>
public sealed class RetentionDefaultsLanguageTests
{
    [Theory]
    [InlineData("es", "Sin visitas en 14 días.")]
    [InlineData("en", "No visit for 14 days.")]
    public async Task The_default_rules_are_described_in_the_gyms_language(string language, string description)
    {
        await using var gym = await TestGym.StartAsync(new Dictionary<string, string?> { ["Gym:Language"] = language });
        await using var db = gym.CreateDb();

        var rule = await db.RetentionRules.SingleAsync(r => r.Type == AlertType.NoAttendance && r.Days == 14);
        Assert.Equal(description, rule.Description);
    }
}
