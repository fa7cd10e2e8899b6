using GymAutomation.Core.Retention;
using GymAutomation.Core.Segments;
using GymAutomation.Tests.Retention;
using static GymAutomation.Tests.Segments.SegmentGym;

namespace GymAutomation.Tests.Segments;

public sealed class SegmentBoardFilterTests : IAsyncLifetime
{
    private SegmentGym gym = default!;

    public async Task InitializeAsync() => gym = await SegmentGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task The_board_shows_only_the_alerts_of_the_segments_clients_and_none_for_a_segment_that_is_gone()
    {
        foreach (var name in new[] { "Ana", "Bea", "Carl", "Dana" })
        {
            await gym.Gym.AlertAsync(gym.Ids[name], AlertType.NoAttendance, 50);
        }

        var saved = await gym.Gym.Get<SavedSegments>().SaveAsync(
            null, new SegmentInput { Name = "Trial and members", Definition = Of(new SegmentCondition { Kind = ConditionKind.HasActiveMembership }) }, null);
        var board = gym.Gym.Get<AlertBoard>();

        var page = await board.PageAsync(new AlertFilter { SegmentId = saved.Value!.Id }, null, 0, 10);
        var counts = await board.CountsAsync(new AlertFilter { SegmentId = saved.Value.Id }, null);
        var gone = await board.PageAsync(new AlertFilter { SegmentId = saved.Value.Id + 1 }, null, 0, 10);

        Assert.Equal(["Bea", "Dana"], page.Items.Select(a => a.ClientFirstName).Order());
        Assert.Equal(2, counts[AlertStatus.Open]);
        Assert.Equal(4, (await board.PageAsync(new AlertFilter(), null, 0, 10)).TotalCount);
        Assert.Empty(gone.Items);
    }
}
