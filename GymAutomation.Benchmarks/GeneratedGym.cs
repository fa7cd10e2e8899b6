using System.Data.Common;
using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Benchmarks;

/// <summary>How many rows of each kind <see cref="GeneratedGym"/> wrote.</summary>
public sealed record GeneratedCounts(int Clients, int Members, int Memberships, int Visits, int Bookings, int Payments)
{
    public int History => Visits + Bookings + Payments;
}

/// <summary>
/// A gym of N clients with a year of history, the same for the same seed: 8 % leads, 10 % former members, the rest
/// members (2 % on a trial) who joined over the last three years; each member visits at a habit of their own (about
/// weekly for most, every week or two for the rest) and one in ten has drifted away at some point; one in five books
/// classes, a few cancel most of them; monthly payments for
/// the last four months, a few failed. At 100,000 clients that is about 3 million rows of history. Written with
/// prepared statements in one transaction, straight to the tables (no events: history, as an import writes it).
/// </summary>
public static class GeneratedGym
{
    public static async Task<GeneratedCounts> WriteAsync(GymDbContext db, int clients, DateTime now, int seed = 42)
    {
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(now);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insertClient = Prepare(connection, transaction,
            "INSERT INTO Clients (FirstName, LastName, Email, Status, Stage, EmailOptOut, CreatedAt, UpdatedAt) VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING Id", 6);
        await using var insertMembership = Prepare(connection, transaction,
            "INSERT INTO Memberships (ClientId, Plan, StartDate, EndDate, Status, Price, CreatedAt) VALUES ($1, $2, $3, $4, $5, '39.90', $6)", 6);
        await using var insertVisit = Prepare(connection, transaction, "INSERT OR IGNORE INTO Visits (ClientId, VisitedAt) VALUES ($1, $2)", 2);
        await using var insertBooking = Prepare(connection, transaction,
            "INSERT INTO ClassBookings (ClientId, ClassName, ClassAt, Status, BookedAt) VALUES ($1, 'Spinning', $2, $3, $4)", 4);
        await using var insertPayment = Prepare(connection, transaction, "INSERT INTO Payments (ClientId, Amount, Status, CreatedAt) VALUES ($1, '39.90', $2, $3)", 3);

        int members = 0, memberships = 0, visits = 0, bookings = 0, payments = 0;
        for (var i = 0; i < clients; i++)
        {
            var kind = random.NextDouble();
            var isLead = kind < 0.08;
            var isFormer = !isLead && kind < 0.18;
            var joinedDaysAgo = random.Next(1, 3 * 365);
            var createdAt = now.AddDays(-joinedDaysAgo - random.Next(0, 30));
            var clientId = Convert.ToInt32(await Bind(insertClient,
                "Member", $"N{i}", $"member{i}@example.com",
                isLead ? nameof(ClientStatus.Lead) : isFormer ? nameof(ClientStatus.Inactive) : nameof(ClientStatus.Active),
                isLead ? nameof(PipelineStage.New) : nameof(PipelineStage.Member),
                createdAt).ExecuteScalarAsync(), CultureInfo.InvariantCulture);
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
            var status = isFormer ? nameof(MembershipStatus.Expired) : trial ? nameof(MembershipStatus.Trial) : nameof(MembershipStatus.Active);
            await Bind(insertMembership, clientId, trial ? "Trial" : "Monthly", start, end, status, createdAt).ExecuteNonQueryAsync();
            memberships++;
            members += isFormer ? 0 : 1;

            // Visits over the last year (or since joining), at the member's habit, up to the day they drifted away.
            var from = now.AddDays(-Math.Min(joinedDaysAgo, 365));
            var until = isFormer ? end!.Value.ToDateTime(TimeOnly.MinValue) : now;
            if (random.NextDouble() < 0.1)
            {
                until = until.AddDays(-random.Next(5, 120));
            }

            // Regulars come about once a week, the others every week or two; gaps vary ±70 % around the habit.
            var perWeek = random.NextDouble() < 0.45 ? 0.75 + (random.NextDouble() * 0.3) : 0.45 + (random.NextDouble() * 0.3);
            for (var at = from.AddDays(random.NextDouble() * 7 / perWeek); at < until; at = at.AddDays((0.3 + (random.NextDouble() * 1.4)) * 7 / perWeek))
            {
                visits += await Bind(insertVisit, clientId, at.AddMinutes(random.Next(0, 600))).ExecuteNonQueryAsync();
            }

            if (random.NextDouble() < 0.2)
            {
                var cancelRate = random.NextDouble() < 0.05 ? 0.6 : 0.1;
                var bookingsPerWeek = 0.5 + (random.NextDouble() * 0.5);
                for (var at = from.AddDays(random.NextDouble() * 7 / bookingsPerWeek); at < until.AddDays(7); at = at.AddDays((0.3 + (random.NextDouble() * 1.4)) * 7 / bookingsPerWeek))
                {
                    var bookingStatus = random.NextDouble() < cancelRate ? nameof(BookingStatus.Cancelled) : at < now ? nameof(BookingStatus.Attended) : nameof(BookingStatus.Booked);
                    bookings += await Bind(insertBooking, clientId, at, bookingStatus, at.AddDays(-random.Next(1, 5))).ExecuteNonQueryAsync();
                }
            }

            for (var month = 4; month >= 1; month--)
            {
                var paidAt = now.AddDays((-30 * month) + random.Next(0, 30));
                if (paidAt > until.AddDays(30))
                {
                    break;
                }

                var failed = random.NextDouble() < (month == 1 ? 0.03 : 0.01);
                payments += await Bind(insertPayment, clientId, failed ? nameof(PaymentStatus.Failed) : nameof(PaymentStatus.Paid), paidAt).ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return new GeneratedCounts(clients, members, memberships, visits, bookings, payments);
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$" + i;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    /// <summary>Sets the command's parameters, in the text EF Core stores dates in.</summary>
    private static DbCommand Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                var v => v,
            };
        }

        return command;
    }
}
