using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
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
        var client = new Client { FirstName = "Ana", CreatedAt = gym.Clock.UtcNow, UpdatedAt = gym.Clock.UtcNow };
        db.Clients.Add(client);
        await db.SaveChangesAsync();

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
    public async Task A_bulk_insert_outside_a_transaction_is_refused()
    {
        await using var gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertManyAsync(Array.Empty<Visit>(), CancellationToken.None));
    }
}
