using GymAutomation.Core.Clients;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Clients;

/// <summary>
/// <see cref="Client.LastVisitAt"/> is kept by the database's triggers on the visits, on both providers: whatever
/// writes a visit — EF, a raw statement of many rows, a delete or a correction — leaves it at the client's latest.
/// </summary>
public sealed class ClientLastVisitTests : IAsyncLifetime
{
    private TestGym gym = default!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    private DateTime Now => gym.Clock.UtcNow;

    [Fact]
    public async Task A_new_visit_moves_the_last_visit_later_and_an_older_one_added_afterwards_does_not_move_it_back()
    {
        var ana = await AddClientAsync("Ana");
        Assert.Null(await LastVisitAsync(ana));

        await AddVisitAsync(ana, Now.AddDays(-3));
        Assert.Equal(Now.AddDays(-3), await LastVisitAsync(ana));

        await AddVisitAsync(ana, Now.AddDays(-1));
        await AddVisitAsync(ana, Now.AddDays(-10));
        Assert.Equal(Now.AddDays(-1), await LastVisitAsync(ana));
    }

    [Fact]
    public async Task Deleting_the_latest_visit_falls_back_to_the_one_before_and_deleting_every_visit_clears_it()
    {
        var ana = await AddClientAsync("Ana");
        await AddVisitAsync(ana, Now.AddDays(-5));
        await AddVisitAsync(ana, Now.AddDays(-2));

        await using (var db = gym.CreateDb())
        {
            await db.Visits.Where(v => v.ClientId == ana && v.VisitedAt == Now.AddDays(-2)).ExecuteDeleteAsync();
        }

        Assert.Equal(Now.AddDays(-5), await LastVisitAsync(ana));

        await using (var db = gym.CreateDb())
        {
            await db.Visits.Where(v => v.ClientId == ana).ExecuteDeleteAsync();
        }

        Assert.Null(await LastVisitAsync(ana));
    }

    [Fact]
    public async Task A_visit_corrected_to_another_time_or_moved_to_another_client_updates_both_clients()
    {
        var ana = await AddClientAsync("Ana");
        var luis = await AddClientAsync("Luis");
        await AddVisitAsync(ana, Now.AddDays(-6));
        var moved = await AddVisitAsync(ana, Now.AddDays(-1));

        await using (var db = gym.CreateDb())
        {
            await db.Visits.Where(v => v.Id == moved).ExecuteUpdateAsync(u => u.SetProperty(v => v.VisitedAt, Now.AddDays(-8)));
        }

        Assert.Equal(Now.AddDays(-6), await LastVisitAsync(ana));

        await using (var db = gym.CreateDb())
        {
            await db.Visits.Where(v => v.ClientId == ana && v.VisitedAt == Now.AddDays(-6)).ExecuteUpdateAsync(u => u.SetProperty(v => v.ClientId, luis));
        }

        Assert.Equal(Now.AddDays(-8), await LastVisitAsync(ana));
        Assert.Equal(Now.AddDays(-6), await LastVisitAsync(luis));
    }

    [Fact]
    public async Task One_statement_that_writes_many_visits_of_many_clients_leaves_each_client_at_its_latest()
    {
        var clients = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            clients.Add(await AddClientAsync($"Client {i}"));
        }

        // Every client gets visits 1 to 30 days ago (shifted by its place), not in time order, in one INSERT of many rows.
        var rows = clients.SelectMany((id, i) => Enumerable.Range(0, 30).Select(day => (Id: id, At: Now.AddDays(-(((day * 7) % 30) + 1 + i))))).ToList();
        var insert = "INSERT INTO \"Visits\" (\"ClientId\", \"VisitedAt\") VALUES " + string.Join(", ", rows.Select((_, n) => $"({{{2 * n}}}, {{{(2 * n) + 1}}})"));
        await using (var db = gym.CreateDb())
        {
            await db.Database.ExecuteSqlRawAsync(insert, rows.SelectMany(r => new object[] { r.Id, r.At }));
        }

        for (var i = 0; i < clients.Count; i++)
        {
            Assert.Equal(Now.AddDays(-(1 + i)), await LastVisitAsync(clients[i]));
        }
    }

    private async Task<int> AddClientAsync(string name)
    {
        await using var db = gym.CreateDb();
        var client = new Client { FirstName = name, CreatedAt = Now, UpdatedAt = Now };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }

    private async Task<long> AddVisitAsync(int clientId, DateTime at)
    {
        await using var db = gym.CreateDb();
        var visit = new Visit { ClientId = clientId, VisitedAt = at };
        db.Visits.Add(visit);
        await db.SaveChangesAsync();
        return visit.Id;
    }

    private async Task<DateTime?> LastVisitAsync(int clientId)
    {
        await using var db = gym.CreateDb();
        return await db.Clients.Where(c => c.Id == clientId).Select(c => c.LastVisitAt).SingleAsync();
    }
}
