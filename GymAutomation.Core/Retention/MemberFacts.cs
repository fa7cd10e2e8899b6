using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>A member's attendance and cover: when they joined, their last visit, and until when they are covered.</summary>
internal sealed record MemberAttendance(int ClientId, DateOnly JoinedOn, DateTime? LastVisitAt, bool OpenEnded, DateOnly? CoveredUntil);

internal sealed record MemberBookings(int ClientId, int Recent, bool BookedBefore);

internal sealed record MemberCancellations(int ClientId, int Considered, int Cancelled);

/// <summary>A member's visits in the baseline window and the median gap between them, in days.</summary>
internal sealed record MemberBaseline(int ClientId, int Visits, double UsualGap);

internal sealed record MemberVisitCounts(int ClientId, int Recent, int Earlier);

internal sealed record MemberPayments(int ClientId, DateTime? FailedAt, decimal? FailedAmount, DateTime? PaidAt);

/// <summary>
/// The scan's reads, one statement each over every member with a current membership: an aggregate over memberships
/// and correlated sub-queries that seek the (client, time) indexes — never a query per member. The per-rule reads
/// return the members the rule may match and those with an open alert of its type (to see whether it cleared).
/// A visit or payment dated after <c>now</c> has not happened yet: it counts from the moment it is due, not before.
/// </summary>
internal static class MemberFacts
{
    public static IQueryable<Client> Members(GymDbContext db, DateOnly today) =>
        db.Clients.Where(c => db.Set<Membership>().Any(m =>
            m.ClientId == c.Id
            && (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Trial)
            && m.StartDate <= today
            && (m.EndDate == null || m.EndDate >= today)));

    public static Task<List<MemberAttendance>> AttendanceAsync(GymDbContext db, DateOnly today, DateTime now, CancellationToken cancellationToken) =>
        db.Memberships
            .GroupBy(m => m.ClientId)
            .Select(g => new
            {
                ClientId = g.Key,
                JoinedOn = g.Min(m => m.StartDate),
                Current = g.Count(m => (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Trial) && m.StartDate <= today && (m.EndDate == null || m.EndDate >= today)),
                OpenEnded = g.Count(m => (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Trial) && m.EndDate == null),
                CoveredUntil = g.Where(m => (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Trial) && m.EndDate >= today).Max(m => m.EndDate),
            })
            .Where(m => m.Current > 0)
            .Select(m => new MemberAttendance(
                m.ClientId,
                m.JoinedOn,
                db.Set<Visit>().Where(v => v.ClientId == m.ClientId && v.VisitedAt <= now).Max(v => (DateTime?)v.VisitedAt),
                m.OpenEnded > 0,
                m.CoveredUntil))
            .ToListAsync(cancellationToken);

    /// <summary>Visits of <paramref name="clientIds"/> from <paramref name="since"/> to <paramref name="now"/>, for the new-member rules.</summary>
    public static async Task<ILookup<int, DateTime>> VisitsAsync(GymDbContext db, List<int> clientIds, DateTime since, DateTime now, CancellationToken cancellationToken) =>
        (await db.Visits
            .Where(v => clientIds.Contains(v.ClientId) && v.VisitedAt >= since && v.VisitedAt <= now)
            .Select(v => new { v.ClientId, v.VisitedAt })
            .ToListAsync(cancellationToken))
            .ToLookup(v => v.ClientId, v => v.VisitedAt);

    /// <summary>Bookings (not cancelled) for classes since <paramref name="since"/>, of members who booked before it.</summary>
    public static Task<List<MemberBookings>> BookingsAsync(GymDbContext db, DateOnly today, DateTime since, int fewerThan, CancellationToken cancellationToken)
    {
        var alerted = Alerted(db, AlertType.LowClassBooking);
        return Members(db, today)
            .Select(c => new
            {
                ClientId = c.Id,
                Recent = db.Set<ClassBooking>().Count(b => b.ClientId == c.Id && b.ClassAt >= since && b.Status != BookingStatus.Cancelled),
                BookedBefore = db.Set<ClassBooking>().Any(b => b.ClientId == c.Id && b.ClassAt < since),
            })
            .Where(m => (m.BookedBefore && m.Recent < fewerThan) || alerted.Contains(m.ClientId))
            .Select(m => new MemberBookings(m.ClientId, m.Recent, m.BookedBefore))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The last <paramref name="last"/> bookings of each member for classes since <paramref name="since"/>: how many, how many cancelled.</summary>
    public static Task<List<MemberCancellations>> CancellationsAsync(
        GymDbContext db, DateOnly today, DateTime since, int last, int percent, CancellationToken cancellationToken)
    {
        var alerted = Alerted(db, AlertType.HighCancellationRate);
        return Members(db, today)
            .Select(c => new
            {
                ClientId = c.Id,
                Considered = db.Set<ClassBooking>().Where(b => b.ClientId == c.Id && b.ClassAt >= since).OrderByDescending(b => b.ClassAt).Take(last).Count(),
                Cancelled = db.Set<ClassBooking>().Where(b => b.ClientId == c.Id && b.ClassAt >= since).OrderByDescending(b => b.ClassAt).Take(last)
                    .Count(b => b.Status == BookingStatus.Cancelled),
            })
            .Where(m => (m.Considered >= last && m.Cancelled * 100 >= percent * m.Considered) || alerted.Contains(m.ClientId))
            .Select(m => new MemberCancellations(m.ClientId, m.Considered, m.Cancelled))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Each member's latest failed payment since <paramref name="since"/> and latest successful payment.</summary>
    public static Task<List<MemberPayments>> PaymentsAsync(GymDbContext db, DateOnly today, DateTime since, DateTime now, CancellationToken cancellationToken)
    {
        var alerted = Alerted(db, AlertType.PaymentFailed);
        return Members(db, today)
            .Select(c => new
            {
                ClientId = c.Id,
                FailedAt = db.Set<Payment>().Where(p => p.ClientId == c.Id && p.Status == PaymentStatus.Failed && p.CreatedAt >= since && p.CreatedAt <= now).Max(p => (DateTime?)p.CreatedAt),
                FailedAmount = db.Set<Payment>().Where(p => p.ClientId == c.Id && p.Status == PaymentStatus.Failed && p.CreatedAt >= since && p.CreatedAt <= now)
                    .OrderByDescending(p => p.CreatedAt).Select(p => (decimal?)p.Amount).FirstOrDefault(),
                PaidAt = db.Set<Payment>().Where(p => p.ClientId == c.Id && p.Status == PaymentStatus.Paid && p.CreatedAt <= now).Max(p => (DateTime?)p.CreatedAt),
            })
            .Where(m => (m.FailedAt != null && (m.PaidAt == null || m.PaidAt < m.FailedAt)) || alerted.Contains(m.ClientId))
            .Select(m => new MemberPayments(m.ClientId, m.FailedAt, m.FailedAmount, m.PaidAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Each client's median gap between consecutive visits from <paramref name="since"/> to <paramref name="now"/>, in
    /// one statement: LAG gives each visit's gap to the one before, ROW_NUMBER ranks the gaps, and the middle one (the
    /// mean of the two middle ones for an even count) is the median. Only clients with <paramref name="minVisits"/>
    /// visits or more. The day difference is the one piece of SQL that differs between the providers.
    /// </summary>
    public static Task<List<MemberBaseline>> BaselinesAsync(GymDbContext db, DateTime since, DateTime now, int minVisits, CancellationToken cancellationToken)
    {
        const string previous = "LAG(\"VisitedAt\") OVER (PARTITION BY \"ClientId\" ORDER BY \"VisitedAt\", \"Id\")";
        var gap = db.Database.IsNpgsql()
            ? $"EXTRACT(EPOCH FROM (\"VisitedAt\" - {previous})) / 86400.0"
            : $"julianday(\"VisitedAt\") - julianday({previous})";
        var sql = $$"""
            WITH "Gaps" AS (
                SELECT "ClientId", CAST({{gap}} AS DOUBLE PRECISION) AS "Gap"
                FROM "Visits" WHERE "VisitedAt" >= {0} AND "VisitedAt" <= {1}
            ), "Ranked" AS (
                SELECT "ClientId", "Gap",
                    ROW_NUMBER() OVER (PARTITION BY "ClientId" ORDER BY "Gap") AS "Rank",
                    COUNT(*) OVER (PARTITION BY "ClientId") AS "GapCount"
                FROM "Gaps" WHERE "Gap" IS NOT NULL
            )
            SELECT "ClientId", CAST(MAX("GapCount") + 1 AS INTEGER) AS "Visits", CAST(AVG("Gap") AS DOUBLE PRECISION) AS "UsualGap"
            FROM "Ranked"
            WHERE "GapCount" + 1 >= {2} AND "Rank" IN (("GapCount" + 1) / 2, ("GapCount" + 2) / 2)
            GROUP BY "ClientId"
            """;
        return db.Database.SqlQueryRaw<MemberBaseline>(sql, since, now, minVisits).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Each member's visits from <paramref name="recentSince"/> to <paramref name="now"/> and in the
    /// <paramref name="earlierDays"/> days before, for members with <paramref name="minEarlier"/> earlier visits or an open alert.
    /// </summary>
    public static Task<List<MemberVisitCounts>> VisitCountsAsync(
        GymDbContext db, DateOnly today, DateTime recentSince, int earlierDays, DateTime now, int minEarlier, CancellationToken cancellationToken)
    {
        var alerted = Alerted(db, AlertType.VisitsDropped);
        var earlierSince = recentSince.AddDays(-earlierDays);
        return Members(db, today)
            .Select(c => new
            {
                ClientId = c.Id,
                Recent = db.Set<Visit>().Count(v => v.ClientId == c.Id && v.VisitedAt >= recentSince && v.VisitedAt <= now),
                Earlier = db.Set<Visit>().Count(v => v.ClientId == c.Id && v.VisitedAt >= earlierSince && v.VisitedAt < recentSince),
            })
            .Where(m => m.Earlier >= minEarlier || alerted.Contains(m.ClientId))
            .Select(m => new MemberVisitCounts(m.ClientId, m.Recent, m.Earlier))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The clients with an open alert of <paramref name="type"/>, as a sub-query.</summary>
    private static IQueryable<int> Alerted(GymDbContext db, AlertType type) =>
        db.RetentionAlerts.Where(a => a.Type == type && (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress)).Select(a => a.ClientId);
}
