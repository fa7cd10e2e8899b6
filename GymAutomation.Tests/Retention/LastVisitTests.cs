using GymAutomation.Core.ClientLists;
using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Retention;

namespace GymAutomation.Tests.Retention;

/// <summary>A visit stored with a time still ahead (a clock running fast, an old import) is nobody's last visit yet, on any screen.</summary>
public sealed class LastVisitTests : IAsyncLifetime
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private RetentionGym gym = null!;

    public async Task InitializeAsync() => gym = await RetentionGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task The_board_the_clients_list_and_the_dashboard_show_the_last_visit_that_has_happened()
    {
        var member = await gym.MemberAsync("Skewed");
        await gym.VisitedAsync(member, 20 * Day);
        await gym.VisitedAsync(member, -3 * Day);
        await gym.ScanAsync();
        var alert = await gym.SingleAlertAsync(member);

        var card = await gym.Gym.Get<AlertBoard>().CardAsync(alert.Id);
        var listed = (await gym.Gym.Get<ClientDirectory>().SearchAsync(new ClientQuery(Sort: ClientSort.LastVisit))).Items.Single();
        var snapshot = await gym.Gym.Get<DashboardKpis>().SnapshotAsync();

        Assert.Equal(gym.Now - (20 * Day), card!.LastVisitAt);
        Assert.Equal(gym.Now - (20 * Day), listed.LastVisitAt);
        Assert.Equal(1, snapshot.VisitRecency.Single(b => b.FromDays == 15).Members);
        Assert.Equal(0, snapshot.VisitRecency.Single(b => b.FromDays == 0).Members);
    }
}
