using GymAutomation.Core.Demo;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Segments;

/// <summary>Three saved segments for the demo gym, in its language: members at risk, hot leads, and members who engage. One whose name exists is left alone.</summary>
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
        demo.Db.Segments.AddRange(added.Select(s => new Segment
        {
            Name = s.Item1,
            Description = s.Item2,
            Definition = s.Item3.ToJson(),
            CreatedAt = now,
            UpdatedAt = now,
        }));
        await demo.Db.SaveChangesAsync(cancellationToken);
        demo.Count("segments", added.Count);
    }

    private static SegmentDefinition Group(SegmentMatch match, params SegmentCondition[] conditions) =>
        new() { Groups = [new ConditionGroup { Match = match, Conditions = [.. conditions] }] };
}
