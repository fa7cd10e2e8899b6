using System.Text.Json;
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

/// <summary>Works out the kept baselines that are missing or stale for the members absent a while.</summary>
internal static class MemberBaselines
{
    /// <summary>
    /// Keeps a fresh baseline for every client with a current membership whose last visit is at or before
    /// <paramref name="absentSince"/> (only an absent member's usual gap is ever compared), computing those missing or
    /// worked out up to an older last visit. One statement reads those members' visits in the baseline's days, as day
    /// numbers, each member's rows together; the median of the gaps between them (the middle gap, or the mean of the
    /// two middle ones for an even count) is taken here, one member at a time; a second statement writes them, each
    /// stamped with the client's last visit as it stands. The medians worked out in SQL (a window for each visit's gap,
    /// another to rank the gaps) cost three sorts and two to three times as long. No visit can be written between the
    /// two statements: they share a transaction, on SQLite a writer's, on PostgreSQL one that locks the table against
    /// the triggers that forget a baseline (a check-in waits for it, ~0.1 s on a daily scan); so a stamp always names
    /// the last visit its median was worked out to. It is a cache: writing it twice at once is harmless, so it commits
    /// on its own (or in the caller's transaction, when there is one).
    /// </summary>
    public static async Task RefreshAsync(GymDbContext db, DateTime absentSince, DateOnly today, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "MemberBaselines" IN SHARE ROW EXCLUSIVE MODE""", cancellationToken);
            }

            var baselines = await WorkOutAsync(db, postgres, absentSince, today, cancellationToken);
            if (baselines.Count > 0)
            {
                await WriteAsync(db, postgres, baselines, cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }

    private static async Task<List<(int ClientId, int Visits, double? UsualGap)>> WorkOutAsync(
        GymDbContext db, bool postgres, DateTime absentSince, DateOnly today, CancellationToken cancellationToken)
    {
        var day = postgres ? "EXTRACT(EPOCH FROM v.\"VisitedAt\") / 86400.0" : "julianday(v.\"VisitedAt\")";
        var windowStart = postgres
            ? $"s.\"AsOf\" - INTERVAL '{RuleFindings.BaselineDays} days'"
            : $"strftime('%Y-%m-%d %H:%M:%f', s.\"AsOf\", '-{RuleFindings.BaselineDays} days')";
        var sql = $$"""
            WITH "Stale" AS (
                SELECT c."Id" AS "ClientId", c."LastVisitAt" AS "AsOf"
                FROM "Clients" c LEFT JOIN "MemberBaselines" b ON b."ClientId" = c."Id"
                WHERE c."LastVisitAt" <= {0} AND (b."ClientId" IS NULL OR b."AsOf" <> c."LastVisitAt")
                    AND EXISTS (SELECT 1 FROM "Memberships" m WHERE m."ClientId" = c."Id" AND m.{{MemberFacts.CurrentStatus}}
                        AND m."StartDate" <= {1} AND (m."EndDate" IS NULL OR m."EndDate" >= {1}))
            )
            SELECT s."ClientId", CAST({{day}} AS DOUBLE PRECISION)
            FROM "Stale" s JOIN "Visits" v ON v."ClientId" = s."ClientId" AND v."VisitedAt" > {{windowStart}} AND v."VisitedAt" <= s."AsOf"
            ORDER BY s."ClientId"
            """;
        var baselines = new List<(int ClientId, int Visits, double? UsualGap)>();
        var (clientId, days) = (0, new List<double>());
        void Finish()
        {
            if (clientId != 0)
            {
                baselines.Add((clientId, days.Count, UsualGap(days)));
            }
        }

        await RawQuery.ForEachAsync(db, sql, [absentSince, today], row =>
        {
            if (row.Int32(0) != clientId)
            {
                Finish();
                clientId = row.Int32(0);
                days.Clear();
            }

            days.Add(row.Double(1));
        }, cancellationToken);
        Finish();
        return baselines;
    }

    /// <summary>The median gap between the visits on <paramref name="days"/>; none for a single visit.</summary>
    private static double? UsualGap(List<double> days)
    {
        if (days.Count < 2)
        {
            return null;
        }

        days.Sort();
        var gaps = new double[days.Count - 1];
        for (var i = 1; i < days.Count; i++)
        {
            gaps[i - 1] = days[i] - days[i - 1];
        }

        Array.Sort(gaps);
        return (gaps[(gaps.Length - 1) / 2] + gaps[gaps.Length / 2]) / 2;
    }

    private static async Task WriteAsync(GymDbContext db, bool postgres, List<(int ClientId, int Visits, double? UsualGap)> baselines, CancellationToken cancellationToken)
    {
        var (rows, values) = postgres
            ? ("unnest({0}, {1}, {2}) AS x(\"ClientId\", \"Visits\", \"UsualGap\")",
                new object[] { baselines.Select(b => b.ClientId).ToArray(), baselines.Select(b => b.Visits).ToArray(), baselines.Select(b => b.UsualGap).ToArray() })
            : ("(SELECT value ->> 0 AS \"ClientId\", value ->> 1 AS \"Visits\", value ->> 2 AS \"UsualGap\" FROM json_each({0})) x",
                [JsonSerializer.Serialize(baselines.Select(b => new object?[] { b.ClientId, b.Visits, b.UsualGap }))]);
        var sql = $$"""
            INSERT INTO "MemberBaselines" ("ClientId", "AsOf", "Visits", "UsualGapDays")
            SELECT c."Id", c."LastVisitAt", x."Visits", x."UsualGap"
            FROM {{rows}} JOIN "Clients" c ON c."Id" = x."ClientId"
            WHERE TRUE
            ON CONFLICT ("ClientId") DO UPDATE SET "AsOf" = excluded."AsOf", "Visits" = excluded."Visits", "UsualGapDays" = excluded."UsualGapDays"
            """;
        await db.Database.ExecuteSqlRawAsync(sql, values, cancellationToken);
    }
}
