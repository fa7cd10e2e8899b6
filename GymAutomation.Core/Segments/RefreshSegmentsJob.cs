using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Segments;

/// <summary>
/// <c>refresh-segments</c> (every 15 minutes): for each saved segment, adds the clients who match it now and were not
/// members (<see cref="SegmentMember"/>), removes those who no longer match, and records <c>ENTERED_SEGMENT</c> with
/// <c>{ "segment": id }</c> for each entry, through the outbox, so a workflow triggered by it enrols a client once per
/// entry (leaving and entering again is a new entry). Then it writes the segment's count for the gym day
/// (<see cref="SegmentCount"/>): the day's last run leaves the day's figure. Set-based: only the entries come into
/// memory, the exits are one DELETE.
/// </summary>
public sealed class RefreshSegmentsJob(
    JobRunner runner,
    IDbContextFactory<GymDbContext> dbFactory,
    SegmentAudience audience,
    EventSignal signal,
    GymClock clock) : GymJob(runner)
{
    public const string JobName = "refresh-segments";

    public override string Name => JobName;

    public static string IdempotencyKey(int segmentId, int clientId, DateTime enteredAt) =>
        string.Create(CultureInfo.InvariantCulture, $"segment:{segmentId}:{clientId}:{enteredAt.Ticks}");

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        List<(int Id, string Definition)> segments;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            segments = (await db.Segments.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Definition }).ToListAsync(cancellationToken))
                .Select(s => (s.Id, s.Definition))
                .ToList();
        }

        var changes = 0;
        var entries = 0;
        foreach (var (id, definition) in segments)
        {
            var (entered, left) = await RefreshAsync(id, SegmentDefinition.FromJson(definition), cancellationToken);
            changes += entered + left;
            entries += entered;
        }

        if (entries > 0)
        {
            signal.Raise();
        }

        return changes;
    }

    private async Task<(int Entered, int Left)> RefreshAsync(int segmentId, SegmentDefinition definition, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var matching = audience.Matching(db, definition);
        var members = db.SegmentMembers.Where(m => m.SegmentId == segmentId);

        var left = await members.Where(m => !matching.Any(c => c.Id == m.ClientId)).ExecuteDeleteAsync(cancellationToken);
        var entered = await matching.Where(c => !members.Any(m => m.ClientId == c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        await db.InsertManyAsync(entered.Select(c => new SegmentMember { SegmentId = segmentId, ClientId = c, EnteredAt = now }), cancellationToken);
        var data = string.Create(CultureInfo.InvariantCulture, $$"""{"segment":{{segmentId}}}""");
        await db.InsertManyAsync(
            entered.Select(c => new ClientEvent
            {
                Type = ClientEventTypes.EnteredSegment,
                ClientId = c,
                OccurredAt = now,
                RecordedAt = now,
                Source = EventSources.Job,
                Data = data,
                IdempotencyKey = IdempotencyKey(segmentId, c, now),
                Status = EventStatus.Pending,
            }),
            cancellationToken);

        var today = clock.Today;
        var count = await members.CountAsync(cancellationToken);
        if (await db.SegmentCounts.FindAsync([segmentId, today], cancellationToken) is { } day)
        {
            day.Count = count;
        }
        else
        {
            db.SegmentCounts.Add(new SegmentCount { SegmentId = segmentId, Day = today, Count = count });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (entered.Count, left);
    }
}
