using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>
/// The counts a windowed rule compares for one member, kept for the gym's day they were worked out on so the scan does
/// not count every member's visits and bookings again on each run: for a drift rule the visits in its recent and
/// earlier days, for a class-booking rule the bookings in its days and whether there were any before, for a
/// cancellation rule the last bookings in its days and how many of them were cancelled. Rules of one type with the same
/// <see cref="Days"/> and <see cref="Take"/> share them. They hold for the rest of the day — the windows are whole gym
/// days — and the database forgets a member's whenever one of their visits or bookings is added, corrected or deleted
/// (triggers on <c>Visits</c> and <c>ClassBookings</c>).
/// </summary>
public sealed class MemberRuleCount
{
    public int ClientId { get; init; }

    public AlertType Type { get; init; }

    /// <summary>The rule's days.</summary>
    public int Days { get; init; }

    /// <summary>How many of the latest bookings a cancellation rule looks at; 0 for the other types.</summary>
    public int Take { get; init; }

    /// <summary>The gym's day the counts were worked out on.</summary>
    public DateOnly Day { get; init; }

    /// <summary>When they were worked out: a visit dated after it had not happened yet.</summary>
    public DateTime AsOf { get; init; }

    /// <summary>Visits, bookings not cancelled, or bookings looked at, in the rule's days up to today.</summary>
    public int Recent { get; init; }

    /// <summary>Visits in the 90 days before the drift rule's days; 1 when a class-booking rule's member booked before its days.</summary>
    public int Earlier { get; init; }

    /// <summary>How many of the bookings a cancellation rule looked at were cancelled.</summary>
    public int Cancelled { get; init; }
}

/// <summary>The kept counts of the windowed rules: worked out, in one statement per rule, for the members who lack today's.</summary>
internal static class MemberRuleCounts
{
    /// <summary>
    /// The counts of <paramref name="rule"/> for every member with a current membership today, worked out first for
    /// those who have none kept for today (or, for visits, a visit dated after they were kept), in one
    /// <c>INSERT … SELECT</c> of correlated counts on the (client, time) indexes. Counts of other days are deleted on the
    /// way: no window of today's can use them. It is a cache: writing it twice at once is harmless, so it commits on its
    /// own (or in the caller's transaction, when there is one).
    /// </summary>
    public static async Task<IQueryable<MemberRuleCount>> TodayAsync(GymDbContext db, RetentionRule rule, RuleWindow window, CancellationToken cancellationToken)
    {
        var take = Take(rule);
        var counts = rule.Type switch
        {
            AlertType.VisitsDropped => """
                CAST((SELECT COUNT(*) FROM "Visits" v WHERE v."ClientId" = c."Id" AND v."VisitedAt" >= {2} AND v."VisitedAt" <= {1}) AS INTEGER),
                CAST((SELECT COUNT(*) FROM "Visits" v WHERE v."ClientId" = c."Id" AND v."VisitedAt" >= {3} AND v."VisitedAt" < {2}) AS INTEGER),
                0
                """,
            AlertType.LowClassBooking => """
                CAST((SELECT COUNT(*) FROM "ClassBookings" b WHERE b."ClientId" = c."Id" AND b."ClassAt" >= {2} AND b."Status" <> 'Cancelled') AS INTEGER),
                CASE WHEN EXISTS (SELECT 1 FROM "ClassBookings" b WHERE b."ClientId" = c."Id" AND b."ClassAt" < {2}) THEN 1 ELSE 0 END,
                0
                """,
            AlertType.HighCancellationRate => """
                CAST((SELECT COUNT(*) FROM (SELECT 1 AS "One" FROM "ClassBookings" b WHERE b."ClientId" = c."Id" AND b."ClassAt" >= {2} ORDER BY b."ClassAt" DESC LIMIT {6}) l) AS INTEGER),
                0,
                CAST((SELECT COUNT(*) FROM (SELECT b."Status" FROM "ClassBookings" b WHERE b."ClientId" = c."Id" AND b."ClassAt" >= {2} ORDER BY b."ClassAt" DESC LIMIT {6}) l
                    WHERE l."Status" = 'Cancelled') AS INTEGER)
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Type, "Not a windowed rule."),
        };
        // A visit dated after the counts were kept was still to come: once it is due, they are worked out again.
        var visitSince = rule.Type == AlertType.VisitsDropped ? " AND (c.\"LastVisitAt\" IS NULL OR c.\"LastVisitAt\" <= k.\"AsOf\")" : "";
        var sql = $$"""
            INSERT INTO "MemberRuleCounts" ("ClientId", "Type", "Days", "Take", "Day", "AsOf", "Recent", "Earlier", "Cancelled")
            SELECT c."Id", {4}, {5}, {6}, {0}, {1},
                {{counts}}
            FROM "Clients" c
            WHERE EXISTS (SELECT 1 FROM "Memberships" m WHERE m."ClientId" = c."Id" AND m."Status" IN ('Active', 'Trial')
                    AND m."StartDate" <= {0} AND (m."EndDate" IS NULL OR m."EndDate" >= {0}))
                AND NOT EXISTS (SELECT 1 FROM "MemberRuleCounts" k WHERE k."ClientId" = c."Id" AND k."Type" = {4} AND k."Days" = {5} AND k."Take" = {6}
                    AND k."Day" = {0}{{visitSince}})
            ON CONFLICT ("ClientId", "Type", "Days", "Take") DO UPDATE SET "Day" = excluded."Day", "AsOf" = excluded."AsOf",
                "Recent" = excluded."Recent", "Earlier" = excluded."Earlier", "Cancelled" = excluded."Cancelled"
            """;
        object[] args = [window.Today, window.Now, window.Since, window.EarlierSince, AlertTypes.Code(rule.Type), rule.Days, take];
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"MemberRuleCounts\" WHERE \"Day\" <> {0}", [window.Today], cancellationToken);
            await db.Database.ExecuteSqlRawAsync(sql, args, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }

        return db.Set<MemberRuleCount>().Where(k => k.Type == rule.Type && k.Days == rule.Days && k.Take == take && k.Day == window.Today);
    }

    private static int Take(RetentionRule rule) => rule.Type == AlertType.HighCancellationRate ? rule.Count ?? 1 : 0;
}

/// <summary>
/// A windowed rule's days as whole gym days, so counts kept in the morning hold all day: the recent ones are today and
/// the <c>Days - 1</c> before it (up to now), the earlier ones the <see cref="RuleFindings.BaselineDays"/> days before those.
/// </summary>
internal sealed record RuleWindow(DateOnly Today, DateTime Now, DateTime Since, DateTime EarlierSince);
