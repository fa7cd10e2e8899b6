using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Segments;
using Microsoft.EntityFrameworkCore;
using static GymAutomation.Tests.Segments.SegmentGym;

namespace GymAutomation.Tests.Segments;

public sealed class RefreshSegmentsJobTests : IAsyncLifetime
{
    private SegmentGym gym = default!;

    public async Task InitializeAsync() => gym = await SegmentGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public void The_job_runs_every_fifteen_minutes() =>
        Assert.Equal("*/15 * * * *", gym.Gym.Get<JobCatalog>().Find(RefreshSegmentsJob.JobName)!.Cron);

    [Fact]
    public async Task Entries_and_exits_are_kept_and_each_entry_records_entered_segment_once()
    {
        var saved = await gym.Gym.Get<SavedSegments>().SaveAsync(
            null, new SegmentInput { Name = "Members", Definition = Of(new SegmentCondition { Kind = ConditionKind.HasActiveMembership }) }, null);
        var segmentId = saved.Value!.Id;
        var job = gym.Gym.Get<RefreshSegmentsJob>();

        var first = await job.RunAsync("manual", CancellationToken.None);
        Assert.Equal((JobOutcome.Succeeded, 2), (first.Outcome, first.ItemsProcessed));
        Assert.Equal(["Bea", "Dana"], await MembersAsync(segmentId));
        Assert.Equal(1, await EntriesAsync("Bea"));
        Assert.Equal(1, await EntriesAsync("Dana"));

        gym.Gym.Time.Advance(TimeSpan.FromMinutes(15));
        var again = await job.RunAsync("manual", CancellationToken.None);
        Assert.Equal(0, again.ItemsProcessed);
        Assert.Equal(1, await EntriesAsync("Dana"));

        await SetDanaMembershipAsync(MembershipStatus.Cancelled);
        gym.Gym.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, (await job.RunAsync("manual", CancellationToken.None)).ItemsProcessed);
        Assert.Equal(["Bea"], await MembersAsync(segmentId));

        await SetDanaMembershipAsync(MembershipStatus.Trial);
        gym.Gym.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, (await job.RunAsync("manual", CancellationToken.None)).ItemsProcessed);
        Assert.Equal(["Bea", "Dana"], await MembersAsync(segmentId));
        Assert.Equal(2, await EntriesAsync("Dana"));
        Assert.Equal(1, await EntriesAsync("Bea"));

        await using var db = gym.Gym.CreateDb();
        var events = await db.ClientEvents.Where(e => e.Type == ClientEventTypes.EnteredSegment).ToListAsync();
        Assert.All(events, e => Assert.Equal(($$"""{"segment":{{segmentId}}}""", EventSources.Job), (e.Data, e.Source)));
        var day = Assert.Single(await db.SegmentCounts.Where(c => c.SegmentId == segmentId).ToListAsync());
        Assert.Equal((gym.Gym.Clock.Today, 2), (day.Day, day.Count));
    }

    [Fact]
    public async Task Each_day_keeps_its_own_count()
    {
        var saved = await gym.Gym.Get<SavedSegments>().SaveAsync(
            null, new SegmentInput { Name = "Recent visitors", Definition = Of(new SegmentCondition { Kind = ConditionKind.VisitedWithinDays, Days = 2 }) }, null);
        var job = gym.Gym.Get<RefreshSegmentsJob>();

        await job.RunAsync("manual", CancellationToken.None);
        gym.Gym.Time.Advance(TimeSpan.FromDays(1));
        await job.RunAsync("manual", CancellationToken.None);

        await using var db = gym.Gym.CreateDb();
        var counts = await db.SegmentCounts.Where(c => c.SegmentId == saved.Value!.Id).OrderBy(c => c.Day).Select(c => c.Count).ToListAsync();
        Assert.Equal([2, 0], counts);
    }

    private async Task<List<string>> MembersAsync(int segmentId)
    {
        await using var db = gym.Gym.CreateDb();
        return await db.SegmentMembers.Where(m => m.SegmentId == segmentId)
            .Join(db.Clients, m => m.ClientId, c => c.Id, (m, c) => c.FirstName)
            .OrderBy(n => n)
            .ToListAsync();
    }

    private async Task<int> EntriesAsync(string name)
    {
        await using var db = gym.Gym.CreateDb();
        var id = gym.Ids[name];
        return await db.ClientEvents.CountAsync(e => e.ClientId == id && e.Type == ClientEventTypes.EnteredSegment);
    }

    private async Task SetDanaMembershipAsync(MembershipStatus status)
    {
        await using var db = gym.Gym.CreateDb();
        var id = gym.Ids["Dana"];
        await db.Memberships.Where(m => m.ClientId == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status));
    }
}
