using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// <c>check-members</c> (daily 10:15) records the member events workflows start from, each once, by an idempotency
/// key, so a rerun (or a missed run caught up) adds nothing:
/// <list type="bullet">
/// <item><c>MEMBER_INACTIVE_FOR_DAYS</c> <c>{ "days": N }</c> for each member (a current, non-trial membership) whose
/// last visit — or, without one, their latest membership's creation — is N days old, for the N active workflows wait
/// for; once per absence: the key names the member, N and that last visit.</item>
/// <item><c>MEMBERSHIP_EXPIRING</c> <c>{ "days": N }</c> for each active membership ending within N days with no
/// membership after it; once per membership, N and end date.</item>
/// <item><c>MEMBERSHIP_ENDED</c> for each client whose last non-trial membership ended in the past
/// <see cref="EndedLookBackDays"/> days (never further back, so the first run does not replay the gym's history) with
/// nothing after it; once per membership and end date.</item>
/// <item><c>FREEZE_ENDING</c> <c>{ "endsOn": "…" }</c> for each freeze ending within
/// <see cref="ClientEventTypes.FreezeEndingDays"/> days; once per freeze and end date.</item>
/// </list>
/// Each kind is one query for all clients; the events go through the outbox to the engines like any other.
/// </summary>
public sealed class CheckMembersJob(
    JobRunner runner,
    IDbContextFactory<GymDbContext> dbFactory,
    EventSignal signal,
    GymClock clock,
    WorkflowInactivityDays workflowDays) : GymJob(runner)
{
    public const string JobName = "check-members";

    public const int EndedLookBackDays = 7;

    public override string Name => JobName;

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var inactiveDays = await workflowDays.GetAsync(ClientEventTypes.MemberInactiveForDays, cancellationToken);
        var expiringDays = await workflowDays.GetAsync(ClientEventTypes.MembershipExpiring, cancellationToken);
        var now = clock.UtcNow;
        var today = clock.Today;
        var found = new List<ClientEvent>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var days in inactiveDays.Where(d => d > 0))
        {
            found.AddRange(await InactiveMembersAsync(db, days, now, today, cancellationToken));
        }

        foreach (var days in expiringDays.Where(d => d > 0))
        {
            found.AddRange(await ExpiringAsync(db, days, now, today, cancellationToken));
        }

        found.AddRange(await EndedAsync(db, now, today, cancellationToken));
        found.AddRange(await FreezesEndingAsync(db, now, today, cancellationToken));
        var recorded = await RecordNewAsync(db, found, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (recorded > 0)
        {
            signal.Raise();
        }

        return recorded;
    }

    private static async Task<IEnumerable<ClientEvent>> InactiveMembersAsync(GymDbContext db, int days, DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-days);
        var inactive = await db.Set<Client>()
            .Where(c => c.Status == ClientStatus.Active && db.Set<Membership>().Any(m => m.ClientId == c.Id && m.Status == MembershipStatus.Active
                && m.StartDate <= today && (m.EndDate == null || m.EndDate >= today)))
            .Select(c => new LastSeen
            {
                ClientId = c.Id,
                At = db.Set<Visit>().Where(v => v.ClientId == c.Id).Max(v => (DateTime?)v.VisitedAt)
                    ?? db.Set<Membership>().Where(m => m.ClientId == c.Id).Max(m => (DateTime?)m.CreatedAt) ?? c.CreatedAt,
            })
            .Where(l => l.At <= cutoff)
            .ToListAsync(cancellationToken);
        return inactive.Select(l => Event(ClientEventTypes.MemberInactiveForDays, l.ClientId, now, Days(days),
            string.Create(CultureInfo.InvariantCulture, $"member-inactive:{days}d:{l.ClientId}:{l.At.Ticks}")));
    }

    private static async Task<IEnumerable<ClientEvent>> ExpiringAsync(GymDbContext db, int days, DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        var until = today.AddDays(days);
        var expiring = await db.Memberships
            .Where(m => m.Status == MembershipStatus.Active && m.EndDate != null && m.EndDate >= today && m.EndDate <= until
                && !db.Set<Membership>().Any(o => o.ClientId == m.ClientId && o.Id != m.Id
                    && (o.Status == MembershipStatus.Active || o.Status == MembershipStatus.Trial) && (o.EndDate == null || o.EndDate > m.EndDate)))
            .Select(m => new { m.Id, m.ClientId, EndDate = m.EndDate!.Value })
            .ToListAsync(cancellationToken);
        return expiring.Select(m => Event(ClientEventTypes.MembershipExpiring, m.ClientId, now, Days(days),
            string.Create(CultureInfo.InvariantCulture, $"membership-expiring:{days}d:{m.Id}:{m.EndDate:yyyyMMdd}")));
    }

    private static async Task<IEnumerable<ClientEvent>> EndedAsync(GymDbContext db, DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        var since = today.AddDays(-EndedLookBackDays);
        var ended = await db.Memberships
            .Where(m => m.Status != MembershipStatus.Trial && m.EndDate != null && m.EndDate < today && m.EndDate >= since
                && !db.Set<Membership>().Any(o => o.ClientId == m.ClientId && o.Id != m.Id
                    && (o.EndDate == null ? o.Status == MembershipStatus.Active || o.Status == MembershipStatus.Trial
                        : o.EndDate > m.EndDate || (o.EndDate == m.EndDate && o.Id > m.Id))))
            .Select(m => new { m.Id, m.ClientId, EndDate = m.EndDate!.Value })
            .ToListAsync(cancellationToken);
        return ended.Select(m => Event(ClientEventTypes.MembershipEnded, m.ClientId, now, null,
            string.Create(CultureInfo.InvariantCulture, $"membership-ended:{m.Id}:{m.EndDate:yyyyMMdd}")));
    }

    private static async Task<IEnumerable<ClientEvent>> FreezesEndingAsync(GymDbContext db, DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        var until = today.AddDays(ClientEventTypes.FreezeEndingDays);
        var ending = await db.MembershipFreezes
            .Where(f => f.EndDate >= today && f.EndDate <= until)
            .Select(f => new { f.Id, f.ClientId, f.EndDate })
            .ToListAsync(cancellationToken);
        return ending.Select(f => Event(ClientEventTypes.FreezeEnding, f.ClientId, now,
            string.Create(CultureInfo.InvariantCulture, $$"""{"endsOn":"{{f.EndDate:yyyy-MM-dd}}"}"""),
            string.Create(CultureInfo.InvariantCulture, $"freeze-ending:{f.Id}:{f.EndDate:yyyyMMdd}")));
    }

    private static async Task<int> RecordNewAsync(GymDbContext db, List<ClientEvent> found, CancellationToken cancellationToken)
    {
        var keys = found.Select(e => e.IdempotencyKey!).ToList();
        var recorded = (await db.ClientEvents.Where(e => keys.Contains(e.IdempotencyKey!)).Select(e => e.IdempotencyKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return await db.InsertManyAsync(found.Where(e => !recorded.Contains(e.IdempotencyKey!)), cancellationToken);
    }

    private static string Days(int days) => string.Create(CultureInfo.InvariantCulture, $$"""{"days":{{days}}}""");

    private static ClientEvent Event(string type, int clientId, DateTime now, string? data, string key) => new()
    {
        Type = type,
        ClientId = clientId,
        OccurredAt = now,
        RecordedAt = now,
        Source = EventSources.Job,
        Data = data,
        IdempotencyKey = key,
        Status = EventStatus.Pending,
    };

    /// <summary>Built with an initializer, not a constructor, so that EF can filter on it after the projection.</summary>
    private sealed record LastSeen
    {
        public int ClientId { get; init; }

        public DateTime At { get; init; }
    }
}
