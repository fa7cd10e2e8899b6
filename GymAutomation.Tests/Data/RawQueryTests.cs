using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Data;

/// <summary>Rows read past EF's materializer (on SQLite, on the connection's own handle) come back as EF stored them.</summary>
public sealed class RawQueryTests : IAsyncLifetime
{
    private TestGym gym = null!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Times_dates_numbers_texts_and_nulls_read_back_as_they_were_stored()
    {
        await using var db = gym.CreateDb();
        var now = gym.Clock.UtcNow;
        var client = new Client { FirstName = "Ñandú «2,5×»", CreatedAt = now, UpdatedAt = now };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        // PostgreSQL keeps microseconds; SQLite EF's seven digits.
        var tick = TestDatabases.OnPostgres ? 10 : 1;
        DateTime[] times =
        [
            new(2026, 3, 1, 17, 5, 9, 123, DateTimeKind.Utc), new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(tick), new DateTime(2026, 3, 1, 8, 0, 5, DateTimeKind.Utc).AddTicks(10_203 * tick),
            new DateTime(987, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1_000_000),
        ];
        db.Visits.AddRange(times.Select(t => new Visit { ClientId = client.Id, VisitedAt = t }));
        db.Memberships.Add(new Membership { ClientId = client.Id, Plan = "Monthly", StartDate = new DateOnly(2026, 3, 1), Status = MembershipStatus.Active, CreatedAt = now });
        await db.SaveChangesAsync();

        var visits = await RawQuery.ListAsync(
            db, """SELECT "ClientId", "VisitedAt" FROM "Visits" WHERE "ClientId" = {0} ORDER BY "VisitedAt" """, [client.Id], r => (r.Int32(0), r.Time(1)), CancellationToken.None);
        var membership = await RawQuery.ListAsync(
            db,
            """
            SELECT m."StartDate", m."EndDate", c."FirstName", c."Id", CASE WHEN m."ClientId" = {0} THEN TRUE ELSE FALSE END, CAST({1} AS DOUBLE PRECISION)
            FROM "Memberships" m JOIN "Clients" c ON c."Id" = m."ClientId" WHERE m."ClientId" = {0}
            """,
            [client.Id, 2.5],
            r => (r.Day(0), r.IsNull(1), r.String(2), r.Int64(3), r.Boolean(4), r.Double(5)),
            CancellationToken.None);

        Assert.Equal(times.Order().Select(t => (client.Id, t)), visits);
        Assert.All(visits, v => Assert.Equal(DateTimeKind.Utc, v.Item2.Kind));
        Assert.Equal([(new DateOnly(2026, 3, 1), true, "Ñandú «2,5×»", (long)client.Id, true, 2.5)], membership);
    }
}
