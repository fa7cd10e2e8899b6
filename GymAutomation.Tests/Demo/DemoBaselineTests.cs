using System.Globalization;
using GymAutomation.Core.Retention;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Demo;

/// <summary>The demo gym shows the rules measured against each member's own habit, with their explanations.</summary>
public sealed class DemoBaselineTests(SeededDemoGym seeded) : IClassFixture<SeededDemoGym>
{
    [Fact]
    public async Task The_demo_board_has_open_alerts_of_members_absent_longer_than_usual_explained_by_their_habit()
    {
        await using var db = seeded.Gym.CreateDb();
        var alerts = await db.RetentionAlerts.Where(a => a.Type == AlertType.AbsentLongerThanUsual).ToListAsync();
        var explanation = seeded.Gym.Get<AlertExplanation>();

        Assert.True(alerts.Count(a => a.IsOpen) >= 3, $"{alerts.Count(a => a.IsOpen)} open baseline alerts");
        Assert.All(alerts, a => Assert.StartsWith("Usually every ", explanation.Explain(a.Type, a.Facts, CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal));
    }
}
