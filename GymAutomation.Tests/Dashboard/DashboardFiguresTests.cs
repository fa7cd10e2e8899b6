using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Dashboard;

/// <summary>
/// The dashboard's figures shared by every reader on an instance: kept while nothing has moved, read again after a
/// change that moves a figure, a client's activity, <see cref="DashboardChanges.MaxAge"/>, or the gym's midnight.
/// </summary>
public sealed class DashboardFiguresTests : IAsyncLifetime
{
    private TestGym gym = null!;
    private DashboardFigures figures = null!;

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync(configure: services => services.AddSingleton<DashboardChanges>().AddSingleton<DashboardFigures>());
        figures = gym.Get<DashboardFigures>();
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_second_reader_gets_the_figures_already_read_while_nothing_has_moved()
    {
        var first = await figures.CurrentAsync();
        gym.Time.Advance(TimeSpan.FromSeconds(20));

        Assert.Same(first, await figures.CurrentAsync());
    }

    public static TheoryData<string> Changes => ["alert", "scan", "scores", "client activity"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_or_a_clients_activity_since_the_read_makes_the_next_reader_read_again(string change)
    {
        var first = await figures.CurrentAsync();
        gym.Time.Advance(TimeSpan.FromSeconds(1));
        var now = gym.Clock.UtcNow;
        gym.Get<LiveFeed>().Publish([change switch
        {
            "alert" => new AlertChanged(now, 1, 1, AlertStatus.Resolved, 2, null),
            "scan" => new AlertsScanned(now, 1, 0, 0),
            "scores" => new ScoresRecalculated(now, 3),
            _ => new ClientActivity(now, 1),
        }]);
        gym.Time.Advance(TimeSpan.FromSeconds(1));

        var second = await figures.CurrentAsync();

        Assert.NotSame(first, second);
        Assert.Equal(gym.Clock.UtcNow, second.At);
        Assert.Same(second, await figures.CurrentAsync());
    }

    [Fact]
    public async Task Figures_older_than_the_most_a_reader_keeps_are_read_again()
    {
        var first = await figures.CurrentAsync();
        gym.Time.Advance(DashboardChanges.MaxAge + TimeSpan.FromSeconds(1));

        Assert.NotSame(first, await figures.CurrentAsync());
    }

    [Fact]
    public async Task Figures_read_before_the_gyms_midnight_are_not_shown_after_it()
    {
        gym.Time.SetUtcNow(gym.Clock.StartOfDayUtc(gym.Clock.Today.AddDays(1)) - TimeSpan.FromSeconds(5));
        var yesterday = await figures.CurrentAsync();
        gym.Time.Advance(TimeSpan.FromSeconds(10));

        var today = await figures.CurrentAsync();

        Assert.NotSame(yesterday, today);
        Assert.Equal(gym.Clock.Today, today.AlertDays[^1].Day);
    }

    [Fact]
    public async Task A_live_read_is_kept_for_the_next_reader()
    {
        await figures.CurrentAsync();
        gym.Time.Advance(TimeSpan.FromSeconds(1));

        var live = await figures.ReadAsync();

        Assert.Same(live, await figures.CurrentAsync());
    }
}
