using GymAutomation.Core.Demo;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Demo;

/// <summary>The demo gym's retention board on a fresh install: the scan's alerts and a morning's work on them.</summary>
public sealed class DemoRetentionTests(SeededDemoGym seeded) : IClassFixture<SeededDemoGym>
{
    [Fact]
    public async Task The_demo_board_has_open_alerts_some_taken_by_the_front_desk_and_some_closed_by_staff()
    {
        await using var db = seeded.Gym.CreateDb();
        var alerts = await db.RetentionAlerts.Include(a => a.Activity).Include(a => a.AssignedTo).ToListAsync();
        var desk = await db.Users.SingleAsync(u => u.Email == DemoStaff.StaffEmail);

        Assert.True(alerts.Count(a => a.Status == AlertStatus.Open) >= 20, $"{alerts.Count(a => a.Status == AlertStatus.Open)} open alerts");
        Assert.Contains(alerts, a => a.Type == AlertType.NoAttendance && a.RiskScore == 90);
        Assert.Contains(alerts, a => a.Status == AlertStatus.InProgress && a.AssignedToId == desk.Id && a.Activity.Any(l => l.Kind == AlertActivityKind.Note));
        Assert.Contains(alerts, a => a.Status == AlertStatus.Resolved && a.Outcome == AlertOutcome.Contacted && !a.ClosedAutomatically);
        Assert.Contains(alerts, a => a.Status == AlertStatus.Dismissed && a.ClosingNote is { Length: > 0 });
        Assert.All(alerts, a => Assert.True(a.ClosedAt is null || a.ClosedAt >= a.CreatedAt, $"alert {a.Id} closed before it opened"));
        Assert.All(alerts.SelectMany(a => a.Activity.Select(l => (a, l))), x => Assert.True(x.l.At >= x.a.CreatedAt, $"alert {x.a.Id}: {x.l.Kind} before it opened"));
    }

    [Fact]
    public async Task Seeding_the_demo_again_adds_no_alert_and_a_scan_finds_nothing_new()
    {
        await using (var db = seeded.Gym.CreateDb())
        {
            var before = await db.RetentionAlerts.CountAsync();
            await seeded.Gym.Get<DemoGym>().ApplyAsync();
            Assert.Equal(before, await db.RetentionAlerts.CountAsync());
        }

        Assert.Equal(0, (await seeded.Gym.Get<RetentionScan>().RunAsync(CancellationToken.None)).Opened);
    }
}
