using GymAutomation.Core.Clients;
using GymAutomation.Core.Retention;

namespace GymAutomation.Tests.Retention;

public sealed class RetentionScanTests : IAsyncLifetime
{
    private RetentionGym gym = null!;

    public async Task InitializeAsync() => gym = await RetentionGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task No_visit_for_exactly_14_days_opens_an_alert_at_risk_70_and_13_days_23_hours_does_not()
    {
        var away = await gym.MemberAsync("Away");
        var almost = await gym.MemberAsync("Almost");
        await gym.VisitedAsync(away, TimeSpan.FromDays(14));
        await gym.VisitedAsync(almost, TimeSpan.FromDays(14) - TimeSpan.FromHours(1));

        var result = await gym.ScanAsync();

        var alert = await gym.SingleAlertAsync(away);
        Assert.Equal(AlertType.NoAttendance, alert.Type);
        Assert.Equal(70, alert.RiskScore);
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Equal(gym.Now.AddDays(-14), alert.Facts.LastVisitAt);
        Assert.Empty(await gym.AlertsAsync(almost));
        Assert.Equal(1, result.Opened);
    }
}
