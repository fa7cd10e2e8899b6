using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Benchmarks;

/// <summary>How many rows of each kind <see cref="GeneratedGym"/> wrote.</summary>
public sealed record GeneratedCounts(int Clients, int Members, int Memberships, int Visits, int Bookings, int Payments, int Orders)
{
    public int History => Visits + Bookings + Payments + Orders;
}

/// <summary>
/// A gym of N clients with a year of history, the same for the same seed: 8 % leads, 10 % former members, the rest
/// members (2 % on a trial) who joined over the last three years, with a membership for each year since they joined
/// (the earlier ones expired) and, for some, a trial before it; each member visits at a habit of their own (two or
/// three times a week for a few, about weekly for many, every week or two for the rest) and one in ten has drifted
/// away at some point; three in ten book classes, a few cancel most of them; half buy at the desk's shop now and then;
/// monthly payments for the last five months, a few failed. At 100,000 clients that is about 190,000 memberships,
/// 3.5 million visits, 1.0 million bookings, 205,000 orders and 410,000 payments (the proportions of issue 22), written to an
/// <see cref="IGeneratedRows"/>: straight to the tables (<see cref="TableRows"/> on SQLite, <see cref="PostgresRows"/> on PostgreSQL) or as an import folder (<see cref="CsvRows"/>).
/// </summary>
public static class GeneratedGym
{
    /// <summary>Writes the gym straight to the tables, in one transaction (no events: history, as an import writes it).</summary>
    public static async Task<GeneratedCounts> WriteAsync(GymDbContext db, int clients, DateTime now, int seed = 42)
    {
        GeneratedCounts counts;
        await using (ITableRows rows = db.Database.IsNpgsql() ? await PostgresRows.OpenAsync(db) : await TableRows.OpenAsync(db))
        {
            counts = await GenerateAsync(rows, clients, now, seed);
            await rows.CompleteAsync();
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return counts;
    }

    /// <summary>Writes the gym as the exchange format's CSV files in <paramref name="folder"/>.</summary>
    public static async Task<GeneratedCounts> WriteCsvAsync(string folder, int clients, DateTime now, int seed = 42)
    {
        await using var rows = new CsvRows(folder);
        return await GenerateAsync(rows, clients, now, seed);
    }

    private static async Task<GeneratedCounts> GenerateAsync(IGeneratedRows rows, int clients, DateTime now, int seed)
    {
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(now);
        int members = 0, memberships = 0, visits = 0, bookings = 0, payments = 0, orders = 0;
        for (var i = 0; i < clients; i++)
        {
            var kind = random.NextDouble();
            var isLead = kind < 0.08;
            var isFormer = !isLead && kind < 0.18;
            var joinedDaysAgo = random.Next(1, 3 * 365);
            var createdAt = now.AddDays(-joinedDaysAgo - random.Next(0, 30));
            var clientId = await rows.ClientAsync(i, isLead ? ClientStatus.Lead : isFormer ? ClientStatus.Inactive : ClientStatus.Active, createdAt);
            if (isLead)
            {
                continue;
            }

            var start = today.AddDays(-joinedDaysAgo);
            var trial = !isFormer && random.NextDouble() < 0.02;
            DateOnly? end = isFormer ? today.AddDays(-random.Next(1, Math.Min(joinedDaysAgo, 300) + 1))
                : trial ? today.AddDays(random.Next(0, 14))
                : random.NextDouble() < 0.6 ? null
                : today.AddDays(random.Next(0, 90));
            var status = isFormer ? MembershipStatus.Expired : trial ? MembershipStatus.Trial : MembershipStatus.Active;
            if (random.NextDouble() < 0.1)
            {
                memberships += await rows.MembershipAsync(clientId, "Trial", start.AddDays(-14), start.AddDays(-1), MembershipStatus.Expired, createdAt);
            }

            // A membership per year since joining: the earlier ones expired the day before the next began.
            var renewals = ((isFormer ? end!.Value : today).DayNumber - start.DayNumber) / 365;
            for (var year = 0; year < renewals; year++)
            {
                memberships += await rows.MembershipAsync(clientId, "Monthly", start.AddDays(365 * year), start.AddDays((365 * (year + 1)) - 1), MembershipStatus.Expired, createdAt);
            }

            await rows.MembershipAsync(clientId, trial ? "Trial" : "Monthly", start.AddDays(365 * renewals), end, status, createdAt);
            memberships++;
            members += isFormer ? 0 : 1;

            // Visits over the last year (or since joining), at the member's habit, up to the day they drifted away.
            var from = now.AddDays(-Math.Min(joinedDaysAgo, 365));
            var until = isFormer ? end!.Value.ToDateTime(TimeOnly.MinValue) : now;
            if (random.NextDouble() < 0.1)
            {
                until = until.AddDays(-random.Next(5, 120));
            }

            // A few come two or three times a week, regulars about once, the others every week or two; gaps vary ±70 % around the habit.
            var habit = random.NextDouble();
            var perWeek = habit < 0.1 ? 2 + random.NextDouble() : habit < 0.5 ? 0.8 + (random.NextDouble() * 0.4) : 0.45 + (random.NextDouble() * 0.3);
            // A visit is never dated after now: the import refuses one that has not happened yet.
            for (var at = from.AddDays(random.NextDouble() * 7 / perWeek); at < until; at = at.AddDays((0.3 + (random.NextDouble() * 1.4)) * 7 / perWeek))
            {
                var visitedAt = at.AddMinutes(random.Next(0, 600));
                visits += visitedAt <= now ? await rows.VisitAsync(clientId, visitedAt) : 0;
            }

            if (random.NextDouble() < 0.3)
            {
                var cancelRate = random.NextDouble() < 0.05 ? 0.6 : 0.1;
                var bookingsPerWeek = 0.5 + (random.NextDouble() * 0.75);
                for (var at = from.AddDays(random.NextDouble() * 7 / bookingsPerWeek); at < until.AddDays(7); at = at.AddDays((0.3 + (random.NextDouble() * 1.4)) * 7 / bookingsPerWeek))
                {
                    var bookingStatus = random.NextDouble() < cancelRate ? BookingStatus.Cancelled : at < now ? BookingStatus.Attended : BookingStatus.Booked;
                    var bookedAt = at.AddDays(-random.Next(1, 5));
                    bookings += await rows.BookingAsync(clientId, at, bookingStatus, bookedAt < now ? bookedAt : now);
                }
            }

            if (random.NextDouble() < 0.5)
            {
                var ordersPerMonth = 0.19 + (random.NextDouble() * 0.55);
                for (var at = from.AddDays(random.NextDouble() * 30 / ordersPerMonth); at < until; at = at.AddDays((0.3 + (random.NextDouble() * 1.4)) * 30 / ordersPerMonth))
                {
                    orders += await rows.OrderAsync(clientId, 5 + random.Next(0, 5_500) / 100m, at);
                }
            }

            for (var month = 5; month >= 1; month--)
            {
                var paidAt = now.AddDays((-30 * month) + random.Next(0, 30));
                if (paidAt > until.AddDays(30))
                {
                    break;
                }

                var failed = random.NextDouble() < (month == 1 ? 0.03 : 0.01);
                payments += await rows.PaymentAsync(clientId, failed ? PaymentStatus.Failed : PaymentStatus.Paid, paidAt);
            }
        }

        return new GeneratedCounts(clients, members, memberships, visits, bookings, payments, orders);
    }
}
