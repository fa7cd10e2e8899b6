using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Segments;

/// <summary>
/// Three saved segments for the demo gym, in its language: members at risk, hot leads, and members who engage, with the
/// trend of their last 30 days counted as of each day's evening from the demo's history. One whose name exists is left alone.
/// </summary>
internal sealed class DemoSegmentsPart(GymClock clock, IOptions<GymOptions> gym) : IDemoPart
{
    public int Order => DemoPartOrder.Clients + 500;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var spanish = gym.Value.Language == "es";
        var now = clock.UtcNow;
        var existing = await demo.Db.Segments.Select(s => s.Name).ToListAsync(cancellationToken);
        var segments = new[]
        {
            (spanish ? "Socios en riesgo" : "Members at risk", spanish ? "Con membresía vigente y sin venir en 14 días." : "A current membership and no visit in 14 days.",
                Group(SegmentMatch.All, new() { Kind = ConditionKind.HasActiveMembership }, new() { Kind = ConditionKind.NoVisitInDays, Days = 14 })),
            (spanish ? "Leads calientes" : "Hot leads", spanish ? "Leads con 50 puntos o más que reciben emails." : "Leads scored 50 or more who receive emails.",
                Group(SegmentMatch.All, new() { Kind = ConditionKind.Status, Value = "Lead" }, new() { Kind = ConditionKind.ScoreAtLeast, Number = 50 },
                    new() { Kind = ConditionKind.NotOptedOut })),
            (spanish ? "Socios comprometidos" : "Engaged members", spanish ? "Al menos 8 visitas o 4 clases en 30 días." : "At least 8 visits or 4 classes in 30 days.",
                Group(SegmentMatch.Any, new() { Kind = ConditionKind.VisitsAtLeast, Number = 8, Days = 30 }, new() { Kind = ConditionKind.BookingsAtLeast, Number = 4, Days = 30 })),
        };
        var added = segments.Where(s => !existing.Contains(s.Item1)).ToList();
        var saved = added.Select(s => new Segment
        {
            Name = s.Item1,
            Description = s.Item2,
            Definition = s.Item3.ToJson(),
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        demo.Db.Segments.AddRange(saved);
        await demo.Db.SaveChangesAsync(cancellationToken);
        foreach (var (segment, definition) in saved.Zip(added.Select(s => s.Item3)))
        {
            demo.Db.SegmentCounts.AddRange(await HistoryAsync(demo.Db, segment.Id, definition, cancellationToken));
        }

        await demo.Db.SaveChangesAsync(cancellationToken);
        demo.Count("segments", added.Count);
    }

    private async Task<List<SegmentCount>> HistoryAsync(GymDbContext db, int segmentId, SegmentDefinition definition, CancellationToken cancellationToken)
    {
        var counts = new List<SegmentCount>(SavedSegments.HistoryDays);
        for (var daysAgo = SavedSegments.HistoryDays - 1; daysAgo >= 0; daysAgo--)
        {
            var day = clock.Today.AddDays(-daysAgo);
            var evening = clock.ToUtc(day.ToDateTime(new TimeOnly(21, 0)));
            var then = new GymClock(new AsOf(evening < clock.UtcNow ? evening : clock.UtcNow), gym);
            var count = await db.Clients.Where(new SegmentFilter(db, then).For(definition)).CountAsync(c => c.CreatedAt <= then.UtcNow, cancellationToken);
            counts.Add(new SegmentCount { SegmentId = segmentId, Day = day, Count = count });
        }

        return counts;
    }

    private static SegmentDefinition Group(SegmentMatch match, params SegmentCondition[] conditions) =>
        new() { Groups = [new ConditionGroup { Match = match, Conditions = [.. conditions] }] };

    private sealed class AsOf(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
