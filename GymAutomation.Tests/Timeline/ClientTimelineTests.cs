using GymAutomation.Core.Clients;
using GymAutomation.Core.Timeline;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Timeline;

public sealed class ClientTimelineTests : IAsyncLifetime
{
    private TestGym gym = null!;
    private TimelineData data = null!;

    private ClientTimeline Timeline => gym.Get<ClientTimeline>();

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        data = await TimelineData.AddAsync(gym);
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Every_source_comes_in_one_stream_newest_first_and_ties_always_in_the_same_order()
    {
        var page = await Timeline.PageAsync(data.Ana, take: 100);

        Assert.Null(page.Next);
        Assert.Equal(TimelineData.Total, page.Entries.Count);
        Assert.Equal(TimelineData.Counts.OrderBy(c => c.Key), page.Entries.CountBy(e => e.Kind).OrderBy(c => c.Key));
        Assert.Equal(page.Entries.OrderByDescending(e => e.At).Select(e => e.At), page.Entries.Select(e => e.At));
        var tied = page.Entries.Where(e => e.At == data.TieAt).ToList();
        Assert.Equal(
            [(TimelineSource.EmailSent, data.TiedSend), (TimelineSource.Payment, data.TiedPayment), (TimelineSource.Order, data.TiedOrders[0]), (TimelineSource.Order, data.TiedOrders[1]), (TimelineSource.Visit, data.TiedVisit)],
            tied.Select(e => (e.Source, e.Id)));
        Assert.Equal(TimelineSource.Score, page.Entries[0].Source);
        Assert.Equal(TimelineSource.MembershipStarted, page.Entries[^1].Source);

        var again = await Timeline.PageAsync(data.Ana, take: 100);
        Assert.Equal(page.Entries.Select(e => e.Position), again.Entries.Select(e => e.Position));
    }

    [Fact]
    public async Task Each_entry_carries_what_the_screen_needs_to_say_it()
    {
        var entries = (await Timeline.PageAsync(data.Ana, take: 100)).Entries;

        var attended = Assert.Single(entries, e => e.Source == TimelineSource.ClassTaken);
        Assert.Equal(("Spinning", BookingStatus.Attended), (attended.Name, attended.BookingStatus));
        var opened = Assert.Single(entries, e => e.Source == TimelineSource.EmailEngaged);
        Assert.Equal((TimelineLink.Email, false), (opened.Link, opened.Clicked));
        Assert.StartsWith("Hello", opened.Name, StringComparison.Ordinal);
        var note = Assert.Single(entries, e => e.AlertActivity == Core.Retention.AlertActivityKind.Note);
        Assert.Equal(("Called, back on Monday", "Marta", TimelineLink.Alert, (long?)data.AlertId), (note.Text, note.StaffName, note.Link, note.LinkId));
        var ended = Assert.Single(entries, e => e.Source == TimelineSource.MembershipEnded);
        Assert.Equal(gym.Clock.StartOfDayUtc(gym.Clock.Today.AddDays(-9)), ended.At);
        Assert.Equal(("Visit", 10, 10), entries.Where(e => e.Kind == TimelineKind.Score).Select(e => (e.Name!, e.Points!.Value, e.Score!.Value)).Single());
        var failed = Assert.Single(entries, e => e.Source == TimelineSource.EmailSent && e.EmailStatus == Core.Workflows.EmailSendStatus.Claimed);
        Assert.StartsWith("Visit us", failed.Name, StringComparison.Ordinal);
    }

    public static TheoryData<TimelineKind> Kinds => [.. Enum.GetValues<TimelineKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_kind_filter_shows_that_kind_only_and_all_of_it(TimelineKind kind)
    {
        var page = await Timeline.PageAsync(data.Ana, [kind], take: 100);

        Assert.All(page.Entries, e => Assert.Equal(kind, e.Kind));
        Assert.Equal(TimelineData.Counts[kind], page.Entries.Count);
    }

    [Fact]
    public async Task Several_kinds_together_and_none_meaning_all()
    {
        var some = await Timeline.PageAsync(data.Ana, [TimelineKind.Visit, TimelineKind.Alert], take: 100);
        var none = await Timeline.PageAsync(data.Ana, [], take: 100);

        Assert.Equal(3, some.Entries.Count);
        Assert.Equal(TimelineData.Total, none.Entries.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public async Task Pages_walk_the_whole_stream_without_gaps_or_duplicates(int take)
    {
        var whole = (await Timeline.PageAsync(data.Ana, take: 100)).Entries.Select(e => e.Position).ToList();

        var walked = await WalkAsync(take);

        Assert.Equal(whole, walked);
    }

    [Fact]
    public async Task Load_more_stays_where_it_was_when_new_entries_arrive_between_pages()
    {
        var whole = (await Timeline.PageAsync(data.Ana, take: 100)).Entries.Select(e => e.Position).ToList();
        var first = await Timeline.PageAsync(data.Ana, take: 4);

        await using (var db = gym.CreateDb())
        {
            db.Visits.Add(new Visit { ClientId = data.Ana, VisitedAt = gym.Clock.UtcNow });
            db.Orders.Add(new Order { ClientId = data.Ana, Total = 1m, CreatedAt = data.TieAt });
            await db.SaveChangesAsync();
        }

        var rest = new List<TimelineCursor>();
        for (var cursor = first.Next; cursor is not null;)
        {
            var page = await Timeline.PageAsync(data.Ana, before: cursor, take: 4);
            rest.AddRange(page.Entries.Select(e => e.Position));
            cursor = page.Next;
        }

        // The order at the tie's instant has the highest id: it sorts before the tied orders, which the first page ends
        // in the middle of, so the later pages neither repeat nor skip anything; the new visit is at the top, for the live refresh.
        Assert.Equal(whole, [.. first.Entries.Select(e => e.Position), .. rest]);
        Assert.Equal(TimelineData.Total + 2, (await Timeline.PageAsync(data.Ana, take: 100)).Entries.Count);
    }

    [Fact]
    public async Task Another_clients_entries_and_an_unknown_client_are_left_out()
    {
        var bea = await Timeline.PageAsync(data.Bea, [TimelineKind.Visit], take: 100);
        Assert.Single(bea.Entries);

        var nobody = await Timeline.PageAsync(999_999);
        Assert.Empty(nobody.Entries);
        Assert.Null(nobody.Next);
    }

    private async Task<List<TimelineCursor>> WalkAsync(int take)
    {
        var walked = new List<TimelineCursor>();
        TimelineCursor? cursor = null;
        do
        {
            var page = await Timeline.PageAsync(data.Ana, before: cursor, take: take);
            Assert.True(page.Entries.Count <= take);
            walked.AddRange(page.Entries.Select(e => e.Position));
            cursor = page.Next;
        }
        while (cursor is not null);

        return walked;
    }
}
