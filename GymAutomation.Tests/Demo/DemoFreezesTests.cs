using GymAutomation.Core.Clients;
using GymAutomation.Core.Retention;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Demo;

/// <summary>The demo gym's two frozen members: one injured, one travelling, and what the board did with their alerts.</summary>
public sealed class DemoFreezesTests(SeededDemoGym seeded) : IClassFixture<SeededDemoGym>
{
    [Fact]
    public async Task Two_members_are_frozen_today_with_no_open_attendance_or_booking_alert()
    {
        await using var db = seeded.Gym.CreateDb();
        var today = seeded.Gym.Clock.Today;
        var frozen = await db.MembershipFreezes.Where(f => f.StartDate <= today && f.EndDate >= today).ToListAsync();

        Assert.Equal(2, frozen.Select(f => f.ClientId).Distinct().Count());
        Assert.Contains(frozen, f => f.Reason == "Knee injury");
        Assert.Contains(frozen, f => f.Reason == "Travelling for work");
        var ids = frozen.Select(f => f.ClientId).ToList();
        var paused = RuleFindings.PausedWhileFrozen.ToList();
        Assert.Empty(await db.RetentionAlerts.Where(a => ids.Contains(a.ClientId) && paused.Contains(a.Type)
            && (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress)).ToListAsync());
        Assert.True(await db.RetentionAlerts.AnyAsync(a => ids.Contains(a.ClientId) && a.Outcome == AlertOutcome.Frozen));
    }
}
