using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>
/// A member's usual gap between visits, kept so the daily scan does not work it out again for every absent member: the
/// median gap between their visits in the <see cref="RuleFindings.BaselineDays"/> days up to their last visit
/// (<see cref="AsOf"/>), and how many visits that is. It depends on their visits alone, so it holds until they change:
/// a newer last visit makes it stale, and the database forgets it whenever one of the member's visits is added,
/// corrected or deleted (triggers on <c>Visits</c>, so an older visit imported later counts too).
/// </summary>
public sealed class MemberBaseline
{
    public int ClientId { get; init; }

    /// <summary>The last visit the baseline was worked out up to.</summary>
    public DateTime AsOf { get; init; }

    /// <summary>Visits in the baseline's days, the last one included.</summary>
    public int Visits { get; init; }

    /// <summary>The median gap between those visits, in days; none with a single visit.</summary>
    public double? UsualGapDays { get; init; }
}

/// <summary>Works out, in one statement, the kept baselines that are missing or stale for the members absent a while.</summary>
internal static class MemberBaselines
{
    /// <summary>
    /// Keeps a fresh baseline for every client with a current membership whose last visit is at or before
    /// <paramref name="absentSince"/> (only an absent member's usual gap is ever compared), computing those missing or
    /// worked out up to an older last visit: LAG gives each visit's gap to the one before, ROW_NUMBER ranks the gaps, and
    /// the middle one (the mean of the two middle ones for an even count) is the median. It is a cache: writing it twice
    /// at once is harmless, so it commits on its own (or in the caller's transaction, when there is one).
    /// </summary>
    public static async Task RefreshAsync(GymDbContext db, DateTime absentSince, DateOnly today, CancellationToken cancellationToken)
    {
        const string previous = "LAG(v.\"VisitedAt\") OVER (PARTITION BY v.\"ClientId\" ORDER BY v.\"VisitedAt\", v.\"Id\")";
        var postgres = db.Database.IsNpgsql();
        var gap = postgres ? $"EXTRACT(EPOCH FROM (v.\"VisitedAt\" - {previous})) / 86400.0" : $"julianday(v.\"VisitedAt\") - julianday({previous})";
        var windowStart = postgres
            ? $"s.\"AsOf\" - INTERVAL '{RuleFindings.BaselineDays} days'"
            : $"strftime('%Y-%m-%d %H:%M:%f', s.\"AsOf\", '-{RuleFindings.BaselineDays} days')";
        var sql = $$"""
            WITH "Stale" AS (
                SELECT c."Id" AS "ClientId", c."LastVisitAt" AS "AsOf"
                FROM "Clients" c LEFT JOIN "MemberBaselines" b ON b."ClientId" = c."Id"
                WHERE c."LastVisitAt" <= {0} AND (b."ClientId" IS NULL OR b."AsOf" <> c."LastVisitAt")
                    AND EXISTS (SELECT 1 FROM "Memberships" m WHERE m."ClientId" = c."Id" AND m."Status" IN ('Active', 'Trial')
                        AND m."StartDate" <= {1} AND (m."EndDate" IS NULL OR m."EndDate" >= {1}))
            ), "Gaps" AS (
                SELECT v."ClientId", CAST({{gap}} AS DOUBLE PRECISION) AS "Gap"
                FROM "Stale" s JOIN "Visits" v ON v."ClientId" = s."ClientId" AND v."VisitedAt" > {{windowStart}} AND v."VisitedAt" <= s."AsOf"
            ), "Ranked" AS (
                SELECT "ClientId", "Gap",
                    ROW_NUMBER() OVER (PARTITION BY "ClientId" ORDER BY "Gap") AS "Rank",
                    COUNT(*) OVER (PARTITION BY "ClientId") AS "GapCount"
                FROM "Gaps" WHERE "Gap" IS NOT NULL
            ), "Medians" AS (
                SELECT "ClientId", MAX("GapCount") + 1 AS "Visits", AVG("Gap") AS "UsualGap"
                FROM "Ranked" WHERE "Rank" IN (("GapCount" + 1) / 2, ("GapCount" + 2) / 2)
                GROUP BY "ClientId"
            )
            INSERT INTO "MemberBaselines" ("ClientId", "AsOf", "Visits", "UsualGapDays")
            SELECT s."ClientId", s."AsOf", COALESCE(m."Visits", 1), m."UsualGap"
            FROM "Stale" s LEFT JOIN "Medians" m ON m."ClientId" = s."ClientId"
            WHERE TRUE
            ON CONFLICT ("ClientId") DO UPDATE SET "AsOf" = excluded."AsOf", "Visits" = excluded."Visits", "UsualGapDays" = excluded."UsualGapDays"
            """;
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await db.Database.ExecuteSqlRawAsync(sql, [absentSince, today], cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }
}
