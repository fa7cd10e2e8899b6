using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Clients;

/// <summary>
/// Two frozen members in the demo gym: one off with an injury for a month, one travelling for two weeks. They are
/// the members who stopped coming longest ago within the last 40 days (so the retention board, lived after this part, resolves their alerts as frozen) and
/// whose membership has no end date, so no end moves. Added only when the gym has no freeze yet.
/// </summary>
internal sealed class DemoFreezesPart(GymClock clock, IOptions<GymOptions> gym) : IDemoPart
{
    public int Order => DemoPartOrder.Clients + 250;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var db = demo.Db;
        if (await db.MembershipFreezes.AnyAsync(cancellationToken))
        {
            return;
        }

        var today = clock.Today;
        var since = clock.StartOfDayUtc(today.AddDays(-40));
        var until = clock.StartOfDayUtc(today.AddDays(-12));
        var away = await db.Memberships
            .Where(m => m.Status == MembershipStatus.Active && m.EndDate == null && m.StartDate <= today.AddDays(-60)
                && db.Set<Visit>().Where(v => v.ClientId == m.ClientId).Max(v => (DateTime?)v.VisitedAt) >= since
                && db.Set<Visit>().Where(v => v.ClientId == m.ClientId).Max(v => (DateTime?)v.VisitedAt) < until)
            .OrderBy(m => db.Set<Visit>().Where(v => v.ClientId == m.ClientId).Max(v => (DateTime?)v.VisitedAt))
            .ThenBy(m => m.ClientId)
            .Select(m => new { m.Id, m.ClientId })
            .Take(2)
            .ToListAsync(cancellationToken);
        var spanish = gym.Value.Language.StartsWith("es", StringComparison.OrdinalIgnoreCase);
        var periods = new[]
        {
            (Reason: spanish ? "Lesión de rodilla" : "Knee injury", From: today.AddDays(-10), To: today.AddDays(20)),
            (Reason: spanish ? "Viaje de trabajo" : "Travelling for work", From: today.AddDays(-4), To: today.AddDays(10)),
        };
        db.MembershipFreezes.AddRange(away.Zip(periods, (m, p) => new MembershipFreeze
        {
            MembershipId = m.Id, ClientId = m.ClientId, Reason = p.Reason, StartDate = p.From, EndDate = p.To, CreatedAt = clock.StartOfDayUtc(p.From),
        }));
        demo.Count("membership freezes", await db.SaveChangesAsync(cancellationToken));
    }

    public Task<bool> IsInGymAsync(GymDbContext db, CancellationToken cancellationToken) => db.MembershipFreezes.AnyAsync(cancellationToken);
}
