using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>
/// A member's attendance and cover: when they joined, their last visit, until when they are covered, and their kept
/// baseline (<see cref="MemberBaseline"/>) when it is fresh.
/// </summary>
internal sealed record MemberAttendance(
    int ClientId, DateOnly JoinedOn, DateTime? LastVisitAt, bool OpenEnded, DateOnly? CoveredUntil, int? BaselineVisits, double? UsualGapDays);

/// <summary>The active rules of the attendance types, highest risk first: what <see cref="MemberFacts.AttendanceAsync"/> reads for.</summary>
internal sealed record AttendanceQuestion(
    IReadOnlyList<RetentionRule> NoAttendance,
    IReadOnlyList<RetentionRule> NoFirstVisit,
    IReadOnlyList<RetentionRule> MembershipExpiring,
    IReadOnlyList<RetentionRule> LowEarlyAttendance,
    IReadOnlyList<RetentionRule> AbsentLongerThanUsual);

internal sealed record MemberBookings(int ClientId, int Recent, bool BookedBefore);

internal sealed record MemberCancellations(int ClientId, int Considered, int Cancelled);

/// <summary>A member's visits in the drift rule's recent and earlier periods, and whether they dropped by its percentage.</summary>
internal sealed record MemberVisitCounts(int ClientId, int Recent, int Earlier, bool Dropped);

internal sealed record MemberPayments(int ClientId, DateTime? FailedAt, decimal? FailedAmount, DateTime? PaidAt);

/// <summary>
/// The scan's reads, one statement each over every member with a current membership: an aggregate over memberships
/// and correlated sub-queries that seek the (client, time) indexes — never a query per member. The per-rule reads
/// return the members the rule matches, unless the alert it would open is already open at its risk, and those whose
/// open alert of its type may have cleared: on a scan that changes nothing, next to none. The alert tests come first in
/// each condition: SQLite evaluates them left to right, and a member they rule out costs no count.
/// A visit or payment dated after <c>now</c> has not happened yet: it counts from the moment it is due, not before.
/// </summary>
internal static class MemberFacts
{
    /// <summary>An active or trial membership, in the raw statements' SQL (after a table's alias and a dot, qualified).</summary>
    internal const string CurrentStatus = "\"Status\" IN ('Active', 'Trial')";

    public static IQueryable<Client> Members(GymDbContext db, DateOnly today)
    {
        var current = Current(db, today);
        return db.Clients.Where(c => current.Any(m => m.ClientId == c.Id));
    }

    /// <summary>How many clients have a current membership today.</summary>
    public static Task<int> CountAsync(GymDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        Current(db, today)
            .Select(m => m.ClientId)
            .Distinct()
            .CountAsync(cancellationToken);

    /// <summary>
    /// The attendance of the members whose outcome may change, in one statement. It starts from what costs little to
    /// read for every client — the last visit the database keeps on the client (<see cref="Client.LastVisitAt"/>)
    /// and their open alerts of the attendance types, pivoted per client — and keeps the clients an active rule may
    /// newly match at a higher risk than their open alert of its type, or whose open alert may have cleared; the
    /// memberships ending or starting within a rule's days add theirs. Only for those does it aggregate the
    /// memberships, and it returns the members among them for whom the same tests, now with the membership's facts,
    /// still hold — a superset that <see cref="RuleFindings"/> then judges exactly. <paramref name="question"/> null
    /// reads every member (for a preview, which counts matches).
    /// </summary>
    public static Task<List<MemberAttendance>> AttendanceAsync(GymDbContext db, AttendanceQuestion? question, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var args = new List<object> { today, now };
        string Arg(object value)
        {
            args.Add(value);
            return $"{{{args.Count - 1}}}";
        }

        var postgres = db.Database.IsNpgsql();
        string DaysAfter(string date, int days) => postgres ? $"({date} + {days})" : $"date({date}, '{days:+0;-0} days')";
        var seen = new List<string>();
        var starting = new List<string>();
        var keep = new List<string>();
        if (question is not null)
        {
            foreach (var rule in question.NoAttendance)
            {
                var test = $"\"LastVisitAt\" <= {Arg(now.AddDays(-rule.Days))} AND COALESCE(o.\"NaRisk\", -1) < {Arg(rule.RiskScore)}";
                seen.Add($"(s.{test})");
                keep.Add($"(f.{test})");
            }

            // Absent the rule's share of the kept usual gap (refreshed before this read for every member absent the
            // fewest days a rule asks): a hair of slack keeps a member on the edge, whom RuleFindings judges exactly.
            string DaysSince(string row) =>
                postgres ? $"EXTRACT(EPOCH FROM ({{1}} - {row}.\"LastVisitAt\")) / 86400.0" : $"julianday({{1}}) - julianday({row}.\"LastVisitAt\")";
            foreach (var rule in question.AbsentLongerThanUsual)
            {
                var (absentSince, risk) = (Arg(now.AddDays(-rule.Days)), Arg(rule.RiskScore));
                var (visits, share) = (Arg(rule.Count ?? RuleFindings.DefaultBaselineVisits), Arg((rule.Percent ?? 100) / 100.0));
                string Test(string row) =>
                    $"({row}.\"LastVisitAt\" <= {absentSince} AND COALESCE(o.\"AbsRisk\", -1) < {risk} AND {row}.\"BaselineVisits\" >= {visits}"
                    + $" AND {DaysSince(row)} >= {row}.\"UsualGapDays\" * {share} - 0.0001)";
                seen.Add(Test("s"));
                keep.Add(Test("f"));
            }

            // The gym's day starts within a day of UTC midnight: two days either side never leave a member out. A
            // member who joined D days ago or more and has not come since has no visit after D - 2 days ago, nor any
            // from two days after their first membership began. The second test, a seek of the client's memberships,
            // leaves out the former members long gone, who pass the first, before any membership is aggregated.
            const string firstStart = "(SELECT MIN(m.\"StartDate\") FROM \"Memberships\" m WHERE m.\"ClientId\" = s.\"ClientId\")";
            foreach (var rule in question.NoFirstVisit)
            {
                var risk = Arg(rule.RiskScore);
                seen.Add($"(COALESCE(o.\"NfvRisk\", -1) < {risk} AND (s.\"LastVisitAt\" IS NULL OR s.\"LastVisitAt\" < {Arg(today.AddDays(2 - rule.Days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))}"
                    + $" AND s.\"LastVisitAt\" < {DaysAfter(firstStart, 2)}))");
                keep.Add($"(f.\"JoinedOn\" <= {Arg(today.AddDays(-rule.Days))} AND COALESCE(o.\"NfvRisk\", -1) < {risk} AND (f.\"LastVisitAt\" IS NULL OR f.\"LastVisitAt\" < {DaysAfter("f.\"JoinedOn\"", 2)}))");
            }

            foreach (var rule in question.MembershipExpiring)
            {
                var endsBy = Arg(today.AddDays(rule.Days));
                starting.Add($"({CurrentStatus} AND \"EndDate\" >= {{0}} AND \"EndDate\" <= {endsBy})");
                keep.Add($"(f.\"OpenEnded\" = 0 AND f.\"CoveredUntil\" <= {endsBy} AND COALESCE(o.\"MeRisk\", -1) < {Arg(rule.RiskScore)})");
            }

            // A member's first day is their earliest membership's: one that starts in the window is all it takes to look.
            foreach (var rule in question.LowEarlyAttendance)
            {
                var (after, through) = (Arg(today.AddDays(-2 * rule.Days)), Arg(today.AddDays(-rule.Days)));
                starting.Add($"(\"StartDate\" > {after} AND \"StartDate\" <= {through})");
                keep.Add($"(f.\"JoinedOn\" > {after} AND f.\"JoinedOn\" <= {through})");
            }

            // Open alerts that may have cleared: an absence by a visit since it was raised; a first-visit, expiry or early
            // alert by the membership's facts, so the clients with one are all candidates.
            foreach (var raisedOn in new[] { "NaLast", "AbsLast" })
            {
                seen.Add($"s.\"LastVisitAt\" > o.\"{raisedOn}\"");
                keep.Add($"f.\"LastVisitAt\" > o.\"{raisedOn}\"");
            }

            seen.Add("o.\"NfvRisk\" IS NOT NULL OR o.\"MeRisk\" IS NOT NULL OR o.\"Early\" = 1");
            keep.Add($"(o.\"NfvRisk\" IS NOT NULL AND f.\"LastVisitAt\" >= {DaysAfter("COALESCE(o.\"NfvJoined\", f.\"JoinedOn\")", -2)})");
            keep.Add("(o.\"MeRisk\" IS NOT NULL AND (f.\"OpenEnded\" > 0 OR f.\"CoveredUntil\" > o.\"MeEndsOn\"))");
            keep.Add("o.\"Early\" = 1");
        }

        // The client's last visit that has happened: the kept one, unless it is still ahead of now (rare) — then sought.
        const string lastVisit = """
            CASE WHEN c."LastVisitAt" IS NULL OR c."LastVisitAt" <= {1} THEN c."LastVisitAt"
                ELSE (SELECT MAX(v."VisitedAt") FROM "Visits" v WHERE v."ClientId" = c."Id" AND v."VisitedAt" <= {1}) END
            """;
        // The baseline kept up to the client's last visit; one kept up to an older one is stale and left out.
        const string baseline = "LEFT JOIN \"MemberBaselines\" b ON b.\"ClientId\" = c.\"Id\" AND b.\"AsOf\" = c.\"LastVisitAt\"";
        var candidates = question is null
            ? "SELECT \"ClientId\" FROM \"Seen\""
            : $"SELECT s.\"ClientId\" FROM \"Seen\" s LEFT JOIN \"Open\" o ON o.\"ClientId\" = s.\"ClientId\" WHERE {string.Join("\n        OR ", seen)}"
                + (starting.Count == 0 ? "" : $"\n    UNION SELECT \"ClientId\" FROM \"Memberships\" WHERE {string.Join(" OR ", starting)}");
        var sql = $$"""
            WITH "Open" AS (
                SELECT "ClientId",
                    MAX(CASE WHEN "Type" = 'NO_ATTENDANCE' THEN "RiskScore" END) AS "NaRisk",
                    MAX(CASE WHEN "Type" = 'NO_ATTENDANCE' THEN "Facts_LastVisitAt" END) AS "NaLast",
                    MAX(CASE WHEN "Type" = 'ABSENT_LONGER_THAN_USUAL' THEN "RiskScore" END) AS "AbsRisk",
                    MAX(CASE WHEN "Type" = 'ABSENT_LONGER_THAN_USUAL' THEN "Facts_LastVisitAt" END) AS "AbsLast",
                    MAX(CASE WHEN "Type" = 'NO_FIRST_VISIT' THEN "RiskScore" END) AS "NfvRisk",
                    MAX(CASE WHEN "Type" = 'NO_FIRST_VISIT' THEN "Facts_JoinedOn" END) AS "NfvJoined",
                    MAX(CASE WHEN "Type" = 'MEMBERSHIP_EXPIRING' THEN "RiskScore" END) AS "MeRisk",
                    MAX(CASE WHEN "Type" = 'MEMBERSHIP_EXPIRING' THEN "Facts_EndsOn" END) AS "MeEndsOn",
                    MAX(CASE WHEN "Type" = 'LOW_EARLY_ATTENDANCE' THEN 1 ELSE 0 END) AS "Early"
                FROM "RetentionAlerts"
                WHERE "Status" IN ('OPEN', 'IN_PROGRESS')
                GROUP BY "ClientId"
            ), "Seen" AS (
                SELECT c."Id" AS "ClientId", {{lastVisit}} AS "LastVisitAt", b."Visits" AS "BaselineVisits", b."UsualGapDays"
                FROM "Clients" c {{baseline}}
            ), "Candidates" AS (
                {{candidates}}
            ), "Members" AS (
                SELECT "ClientId", MIN("StartDate") AS "JoinedOn",
                    SUM(CASE WHEN {{CurrentStatus}} AND "EndDate" IS NULL THEN 1 ELSE 0 END) AS "OpenEnded",
                    MAX(CASE WHEN {{CurrentStatus}} AND "EndDate" >= {0} THEN "EndDate" END) AS "CoveredUntil"
                FROM "Memberships"
                WHERE "ClientId" IN (SELECT "ClientId" FROM "Candidates")
                GROUP BY "ClientId"
                HAVING SUM(CASE WHEN {{CurrentStatus}} AND "StartDate" <= {0} AND ("EndDate" IS NULL OR "EndDate" >= {0}) THEN 1 ELSE 0 END) > 0
            ), "Facts" AS (
                SELECT m.*, {{lastVisit}} AS "LastVisitAt", b."Visits" AS "BaselineVisits", b."UsualGapDays"
                FROM "Members" m JOIN "Clients" c ON c."Id" = m."ClientId" {{baseline}}
            )
            SELECT f."ClientId", f."JoinedOn", f."LastVisitAt", CASE WHEN f."OpenEnded" > 0 THEN TRUE ELSE FALSE END AS "OpenEnded", f."CoveredUntil",
                f."BaselineVisits", f."UsualGapDays"
            FROM "Facts" f LEFT JOIN "Open" o ON o."ClientId" = f."ClientId"
            WHERE {{(question is null ? "TRUE" : string.Join("\n    OR ", keep))}}
            """;
        return RawQuery.ListAsync(db, sql, args, r => new MemberAttendance(
            r.Int32(0),
            r.Day(1),
            r.IsNull(2) ? null : r.Time(2),
            r.Boolean(3),
            r.IsNull(4) ? null : r.Day(4),
            r.IsNull(5) ? null : r.Int32(5),
            r.IsNull(6) ? null : r.Double(6)), cancellationToken);
    }

    /// <summary>The open alerts of <paramref name="clientIds"/>.</summary>
    public static Task<List<OpenAlert>> OpenAlertsAsync(GymDbContext db, List<int> clientIds, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        var sql = $$"""
            SELECT "Id", "ClientId", "Type", "RuleId", "RiskScore", "Version", "Facts_Days", "Facts_Threshold", "Facts_LastVisitAt", "Facts_JoinedOn",
                "Facts_EndsOn", "Facts_PaymentFailedAt"
            FROM "RetentionAlerts"
            WHERE "Status" IN ('OPEN', 'IN_PROGRESS') AND "ClientId" {{IdSet.Contains(sqlite, "{0}")}}
            """;
        return RawQuery.ListAsync(db, sql, [IdSet.Value(sqlite, clientIds)], r => new OpenAlert(
            r.Int32(0),
            r.Int32(1),
            RetentionRuleConfiguration.ParseType(r.String(2)),
            r.IsNull(3) ? null : r.Int32(3),
            r.Int32(4),
            r.Int32(5),
            new AlertFacts
            {
                Days = r.Int32(6),
                Threshold = r.IsNull(7) ? null : r.Int32(7),
                LastVisitAt = r.IsNull(8) ? null : r.Time(8),
                JoinedOn = r.IsNull(9) ? null : r.Day(9),
                EndsOn = r.IsNull(10) ? null : r.Day(10),
                PaymentFailedAt = r.IsNull(11) ? null : r.Time(11),
            }), cancellationToken);
    }

    /// <summary>
    /// The clients with an open alert and no current membership any more: each client's memberships sought once, not once
    /// for each of their open alerts.
    /// </summary>
    public static Task<List<int>> EndedAsync(GymDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var current = Current(db, today);
        return db.RetentionAlerts
            .Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress)
            .Select(a => a.ClientId)
            .Distinct()
            .Where(clientId => !current.Any(m => m.ClientId == clientId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Visits of <paramref name="clientIds"/> from <paramref name="since"/> to <paramref name="now"/>, for the new-member
    /// rules: tens of thousands of times on a daily scan, read without EF's materializer (<see cref="RawQuery"/>).
    /// </summary>
    public static async Task<ILookup<int, DateTime>> VisitsAsync(GymDbContext db, List<int> clientIds, DateTime since, DateTime now, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        var sql = $$"""SELECT "ClientId", "VisitedAt" FROM "Visits" WHERE "ClientId" {{IdSet.Contains(sqlite, "{0}")}} AND "VisitedAt" >= {1} AND "VisitedAt" <= {2}""";
        return (await RawQuery.ListAsync(db, sql, [IdSet.Value(sqlite, clientIds), since, now], r => (ClientId: r.Int32(0), VisitedAt: r.Time(1)), cancellationToken))
            .ToLookup(v => v.ClientId, v => v.VisitedAt);
    }

    /// <summary>Bookings (not cancelled) for classes since <paramref name="since"/>, of members who booked before it.</summary>
    public static Task<List<MemberBookings>> BookingsAsync(GymDbContext db, RetentionRule rule, bool forScan, DateOnly today, DateTime since, int fewerThan, CancellationToken cancellationToken)
    {
        var (alerted, alertedByRule) = (Alerted(db, AlertType.LowClassBooking), AlertedAtRisk(db, rule, forScan));
        return Members(db, today)
            .Select(c => new
            {
                ClientId = c.Id,
                Recent = db.Set<ClassBooking>().Count(b => b.ClientId == c.Id && b.ClassAt >= since && b.Status != BookingStatus.Cancelled),
                BookedBefore = db.Set<ClassBooking>().Any(b => b.ClientId == c.Id && b.ClassAt < since),
            })
            .Where(m => (!alertedByRule.Contains(m.ClientId) && m.BookedBefore && m.Recent < fewerThan) || (alerted.Contains(m.ClientId) && m.Recent >= fewerThan))
            .Select(m => new MemberBookings(m.ClientId, m.Recent, m.BookedBefore))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The last <paramref name="last"/> bookings of each member for classes since <paramref name="since"/>: how many, how many cancelled.</summary>
    public static Task<List<MemberCancellations>> CancellationsAsync(
        GymDbContext db, RetentionRule rule, bool forScan, DateOnly today, DateTime since, int last, int percent, CancellationToken cancellationToken)
    {
        var (alerted, alertedByRule) = (Alerted(db, AlertType.HighCancellationRate), AlertedAtRisk(db, rule, forScan));
        return Members(db, today)
            .Select(c => new
            {
                ClientId = c.Id,
                Considered = db.Set<ClassBooking>().Where(b => b.ClientId == c.Id && b.ClassAt >= since).OrderByDescending(b => b.ClassAt).Take(last).Count(),
                Cancelled = db.Set<ClassBooking>().Where(b => b.ClientId == c.Id && b.ClassAt >= since).OrderByDescending(b => b.ClassAt).Take(last)
                    .Count(b => b.Status == BookingStatus.Cancelled),
            })
            .Where(m => (!alertedByRule.Contains(m.ClientId) && m.Considered >= last && m.Cancelled * 100 >= percent * m.Considered)
                || (alerted.Contains(m.ClientId) && m.Cancelled * 100 < percent * m.Considered))
            .Select(m => new MemberCancellations(m.ClientId, m.Considered, m.Cancelled))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Each member's latest failed payment since <paramref name="since"/> and latest successful payment, for the members
    /// with a failed payment since then or an open alert of the type: the only ones the rule can match or clear.
    /// </summary>
    public static Task<List<MemberPayments>> PaymentsAsync(GymDbContext db, RetentionRule rule, bool forScan, DateOnly today, DateTime since, DateTime now, CancellationToken cancellationToken)
    {
        var (alerted, alertedByRule, alerts) = (Alerted(db, AlertType.PaymentFailed), AlertedAtRisk(db, rule, forScan), OpenAlerts(db, AlertType.PaymentFailed));
        var failed = db.Set<Payment>().Where(p => p.Status == PaymentStatus.Failed && p.CreatedAt >= since && p.CreatedAt <= now).Select(p => p.ClientId);
        return Members(db, today)
            .Where(c => failed.Contains(c.Id) || alerted.Contains(c.Id))
            .Select(c => new
            {
                ClientId = c.Id,
                FailedAt = db.Set<Payment>().Where(p => p.ClientId == c.Id && p.Status == PaymentStatus.Failed && p.CreatedAt >= since && p.CreatedAt <= now).Max(p => (DateTime?)p.CreatedAt),
                FailedAmount = db.Set<Payment>().Where(p => p.ClientId == c.Id && p.Status == PaymentStatus.Failed && p.CreatedAt >= since && p.CreatedAt <= now)
                    .OrderByDescending(p => p.CreatedAt).Select(p => (decimal?)p.Amount).FirstOrDefault(),
                PaidAt = db.Set<Payment>().Where(p => p.ClientId == c.Id && p.Status == PaymentStatus.Paid && p.CreatedAt <= now).Max(p => (DateTime?)p.CreatedAt),
            })
            .Where(m => (!alertedByRule.Contains(m.ClientId) && m.FailedAt != null && (m.PaidAt == null || m.PaidAt < m.FailedAt))
                || alerts.Any(a => a.ClientId == m.ClientId && m.PaidAt > a.Facts.PaymentFailedAt))
            .Select(m => new MemberPayments(m.ClientId, m.FailedAt, m.FailedAmount, m.PaidAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Each member's visits from <paramref name="recentSince"/> to <paramref name="now"/> and in the
    /// <paramref name="earlierDays"/> days before — visits per day compared in whole numbers — for the members the rule
    /// matches (unless its alert is already open at its risk) and those whose open alert of the type has cleared.
    /// Raw SQL, so each count is taken once per member: the counts are a sub-query neither database flattens into the
    /// tests (SQLite keeps one with a limit, PostgreSQL one with an offset), where EF's query repeated them — three counts
    /// of most members' visits instead of two (the app's SQLite: 9.4 M virtual-machine steps against 12.0 M).
    /// </summary>
    public static Task<List<MemberVisitCounts>> VisitCountsAsync(
        GymDbContext db, RetentionRule rule, bool forScan, DateOnly today, DateTime recentSince, int earlierDays, DateTime now, CancellationToken cancellationToken)
    {
        var (minEarlier, percent) = (rule.Count ?? 1, rule.Percent ?? 100);
        var dropped = $"m.\"Recent\" * {earlierDays * 100L} <= m.\"Earlier\" * {(100L - percent) * rule.Days}";
        const string open = "\"Type\" = {4} AND \"Status\" IN ('OPEN', 'IN_PROGRESS')";
        var notAlertedByRule = forScan ? $"AND m.\"Id\" NOT IN (SELECT \"ClientId\" FROM \"RetentionAlerts\" WHERE {open} AND \"RuleId\" = {{6}} AND \"RiskScore\" >= {{7}})" : "";
        var sql = $$"""
            SELECT m."Id", m."Recent", m."Earlier", {{dropped}}
            FROM (
                SELECT c."Id",
                    (SELECT COUNT(*) FROM "Visits" v WHERE v."ClientId" = c."Id" AND v."VisitedAt" >= {1} AND v."VisitedAt" <= {2}) AS "Recent",
                    (SELECT COUNT(*) FROM "Visits" v WHERE v."ClientId" = c."Id" AND v."VisitedAt" >= {3} AND v."VisitedAt" < {1}) AS "Earlier"
                FROM "Clients" c
                WHERE EXISTS (SELECT 1 FROM "Memberships" s WHERE s."ClientId" = c."Id" AND s.{{CurrentStatus}} AND s."StartDate" <= {0}
                    AND (s."EndDate" IS NULL OR s."EndDate" >= {0}))
                {{(db.Database.IsNpgsql() ? "OFFSET 0" : "LIMIT -1")}}
            ) m
            WHERE (m."Earlier" >= {5} AND {{dropped}} {{notAlertedByRule}})
                OR (NOT ({{dropped}}) AND m."Id" IN (SELECT "ClientId" FROM "RetentionAlerts" WHERE {{open}}))
            """;
        object[] values = [today, recentSince, now, recentSince.AddDays(-earlierDays), AlertTypes.Code(AlertType.VisitsDropped), minEarlier, .. forScan ? [rule.Id, rule.RiskScore] : Array.Empty<object>()];
        return RawQuery.ListAsync(db, sql, values, r => new MemberVisitCounts(r.Int32(0), (int)r.Int64(1), (int)r.Int64(2), r.Boolean(3)), cancellationToken);
    }

    /// <summary>The memberships current today: active or on trial, started, not ended.</summary>
    private static IQueryable<Membership> Current(GymDbContext db, DateOnly today) => db.Set<Membership>().Where(Membership.CurrentOn(today));

    /// <summary>The open alerts of <paramref name="type"/>, as a sub-query.</summary>
    private static IQueryable<RetentionAlert> OpenAlerts(GymDbContext db, AlertType type) =>
        db.RetentionAlerts.Where(a => a.Type == type && (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress));

    /// <summary>The clients with an open alert of <paramref name="type"/>, as a sub-query.</summary>
    private static IQueryable<int> Alerted(GymDbContext db, AlertType type) => OpenAlerts(db, type).Select(a => a.ClientId);

    /// <summary>
    /// The clients with an open alert that <paramref name="rule"/> opened or raised, at its risk or above: a match of the
    /// rule changes nothing for them (the alert is already there, and only the rule's own facts can clear it), so the
    /// scan's per-rule reads leave them out unless the alert may have cleared. A preview (not
    /// <paramref name="forScan"/>) counts every match.
    /// </summary>
    private static IQueryable<int> AlertedAtRisk(GymDbContext db, RetentionRule rule, bool forScan) =>
        OpenAlerts(db, rule.Type).Where(a => forScan && a.RuleId == rule.Id && a.RiskScore >= rule.RiskScore).Select(a => a.ClientId);
}
