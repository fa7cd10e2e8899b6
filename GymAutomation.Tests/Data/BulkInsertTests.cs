using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Data;

public sealed class BulkInsertTests
{
    [Fact]
    public async Task A_bulk_inserted_row_is_stored_exactly_as_EF_stores_it()
    {
        await using var gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        var client = await AddClientAsync(gym, db);

        var createdAt = new DateTime(2026, 3, 1, 17, 5, 9, 123, DateTimeKind.Utc);
        Membership Row(string externalId) => new()
        {
            ExternalId = externalId,
            ClientId = client.Id,
            Plan = "Premium",
            StartDate = new DateOnly(2026, 3, 1),
            EndDate = null,
            Status = MembershipStatus.Trial,
            Price = 59.90m,
            CreatedAt = createdAt,
        };

        db.Memberships.Add(Row("by-ef"));
        await db.SaveChangesAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(2, await db.InsertManyAsync([Row("in-bulk-1"), Row("in-bulk-2")], CancellationToken.None));
            await transaction.CommitAsync();
        }

        // On PostgreSQL (binary COPY there) each value as text, with its type: the same text is the same stored value.
        var stored = await db.Database
            .SqlQueryRaw<string>(TestDatabases.OnPostgres
                ? """
                  SELECT concat_ws('|', "ClientId", "Plan", "StartDate", coalesce("EndDate"::text, 'NULL'), "Status", "Price", "CreatedAt",
                                   pg_typeof("CreatedAt"), pg_typeof("Price")) AS "Value"
                  FROM "Memberships" ORDER BY "Id"
                  """
                : """
                  SELECT quote(ClientId) || '|' || quote(Plan) || '|' || quote(StartDate) || '|' || quote(EndDate) || '|' ||
                         quote(Status) || '|' || quote(Price) || '|' || quote(CreatedAt) AS Value
                  FROM Memberships ORDER BY Id
                  """)
            .ToListAsync();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, s => Assert.Equal(stored[0], s));
        Assert.Equal(2, await db.Memberships.CountAsync(m => m.CreatedAt == createdAt && m.ExternalId!.StartsWith("in-bulk")));
    }

    [Fact]
    public async Task A_bulk_inserted_alert_with_its_facts_is_stored_exactly_as_EF_stores_it()
    {
        await using var gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        var client = await AddClientAsync(gym, db);

        var at = new DateTime(2026, 11, 23, 7, 45, 0, 500, DateTimeKind.Utc);
        RetentionAlert Row() => new()
        {
            ClientId = client.Id,
            Type = AlertType.AbsentLongerThanUsual,
            RuleName = "Ausente más de lo habitual — \"2,5×\"",
            RiskScore = 75,
            Status = AlertStatus.Open,
            CreatedAt = at,
            UpdatedAt = at,
            ClosedAutomatically = true,
            Facts = new AlertFacts { Days = 5, LastVisitAt = at.AddDays(-9), UsualGapDays = 2.5m, JoinedOn = new DateOnly(2025, 1, 31), PaymentAmount = 39.9m },
        };

        db.RetentionAlerts.Add(Row());
        await db.SaveChangesAsync();
        await db.RetentionAlerts.ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AlertStatus.Resolved));
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await db.InsertManyAsync([Row()], CancellationToken.None));
            await transaction.CommitAsync();
        }

        await db.RetentionAlerts.ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AlertStatus.Resolved));
        var columns = (await db.Database.SqlQueryRaw<string>(TestDatabases.OnPostgres
                ? "SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = 'RetentionAlerts' AND column_name <> 'Id'"
                : "SELECT name AS Value FROM pragma_table_info('RetentionAlerts') WHERE name <> 'Id'")
            .ToListAsync()).Select(c => $"\"{c}\"");
        var row = TestDatabases.OnPostgres
            ? $"concat_ws('|', {string.Join(", ", columns.Select(c => $"coalesce({c}::text, 'NULL') || pg_typeof({c})"))})"
            : string.Join(" || '|' || ", columns.Select(c => $"quote({c})"));
        var everyColumn = "SELECT " + row + " AS \"Value\" FROM \"RetentionAlerts\" ORDER BY \"Id\"";
        var stored = await db.Database.SqlQueryRaw<string>(everyColumn).ToListAsync();

        Assert.Equal(2, stored.Count);
        Assert.Equal(stored[0], stored[1]);
    }

    [Fact]
    public async Task Rows_beyond_one_statement_go_in_full_statements_and_a_shorter_last_one_each_stored_once()
    {
        await using var gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        var client = await AddClientAsync(gym, db);

        // Two columns a visit: several full statements of visits, then the rest in one statement of its own.
        var times = Enumerable.Range(0, 1_234).Select(i => new DateTime(2026, 1, 1, 6, 0, 0, DateTimeKind.Utc).AddHours(i)).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(times.Count, await db.InsertManyAsync(times.Select(t => new Visit { ClientId = client.Id, VisitedAt = t }), CancellationToken.None));
            await transaction.CommitAsync();
        }

        Assert.Equal(times, await db.Visits.Where(v => v.ClientId == client.Id).OrderBy(v => v.Id).Select(v => v.VisitedAt).ToListAsync());
    }

    private static async Task<Client> AddClientAsync(TestGym gym, GymDbContext db)
    {
        var client = new Client { FirstName = "Ana", CreatedAt = gym.Clock.UtcNow, UpdatedAt = gym.Clock.UtcNow };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client;
    }

    [Fact]
    public async Task A_bulk_insert_outside_a_transaction_is_refused()
    {
        await using var gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertManyAsync(Array.Empty<Visit>(), CancellationToken.None));
    }
}
