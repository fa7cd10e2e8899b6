using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Data;

public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private TestGym gym = default!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_save_waits_in_the_queue_while_another_write_transaction_is_open_and_goes_on_at_its_commit()
    {
        await using var first = gym.CreateDb();
        var transaction = await first.Database.BeginTransactionAsync();
        first.Clients.Add(NewClient("Ana"));
        await first.SaveChangesAsync();

        var second = SaveClientAsync("Luis");
        // Proving that something has not happened takes a while of it not happening: far longer than an unqueued save.
        await Task.Delay(300);
        Assert.False(second.IsCompleted);

        await transaction.CommitAsync();
        await second.WaitAsync(Patience);
        await transaction.DisposeAsync();
        Assert.Equal(2, await CountClientsAsync());
    }

    [Fact]
    public async Task The_gate_records_how_long_a_writer_held_it_and_how_long_the_next_one_waited()
    {
        var measured = new ConcurrentQueue<(string Phase, string Database, double Seconds)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == WriteGatePhases.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) => measured.Enqueue(((string)tags[0].Value!, (string)tags[1].Value!, seconds)));
        listener.Start();

        await using var first = gym.CreateDb();
        var connection = first.Database.GetDbConnection();
        var database = connection.DataSource;
        var transaction = await first.Database.BeginTransactionAsync();
        first.Clients.Add(NewClient("Ana"));
        await first.SaveChangesAsync();
        var second = SaveClientAsync("Luis");
        // The gate times with the gym's clock: once the second writer queues, half a second passes for both.
        var queue = gym.Get<IWriterQueue>();
        var queuing = Stopwatch.StartNew();
        while (!queue.OthersWaiting(connection))
        {
            Assert.True(queuing.Elapsed < Patience, "The second writer never queued at the gate.");
            await Task.Delay(10);
        }

        gym.Time.Advance(TimeSpan.FromMilliseconds(500));
        await transaction.CommitAsync();
        await second.WaitAsync(Patience);
        await transaction.DisposeAsync();

        // Other tests write to files of their own at the same time; the database tag leaves theirs out.
        var ours = measured.Where(m => m.Database == database).ToList();
        Assert.Contains(ours, m => m.Phase == WriteGatePhases.Holding && m.Seconds >= 0.5);
        Assert.Contains(ours, m => m.Phase == WriteGatePhases.Waiting && m.Seconds >= 0.5);
    }

    [Theory]
    [InlineData("rolled back")]
    [InlineData("disposed unfinished")]
    public async Task A_transaction_that_ends_without_a_commit_lets_the_next_writer_in(string ending)
    {
        await using (var first = gym.CreateDb())
        {
            var transaction = await first.Database.BeginTransactionAsync();
            first.Clients.Add(NewClient("Ana"));
            await first.SaveChangesAsync();
            if (ending == "rolled back")
            {
                await transaction.RollbackAsync();
            }

            await transaction.DisposeAsync();
        }

        await SaveClientAsync("Luis").WaitAsync(Patience);
        Assert.Equal(1, await CountClientsAsync());
    }

    [Fact]
    public async Task A_transaction_left_unfinished_on_a_connection_its_context_keeps_open_lets_the_next_writers_in()
    {
        // The import works this way: it opens the connection for the whole file, and a publish cut short disposes its
        // transaction without a commit, a rollback or a close for the gate to see.
        await using var importer = gym.CreateDb();
        await importer.Database.OpenConnectionAsync();
        await using (var unfinished = await importer.Database.BeginTransactionAsync())
        {
            importer.Clients.Add(NewClient("Ana"));
            await importer.SaveChangesAsync();
        }

        importer.ChangeTracker.Clear();
        await SaveClientAsync("Luis").WaitAsync(Patience);
        await using (var next = await importer.Database.BeginTransactionAsync().WaitAsync(Patience))
        {
            importer.Clients.Add(NewClient("Eva"));
            await importer.SaveChangesAsync();
            await next.CommitAsync();
        }

        await SaveClientAsync("Marta").WaitAsync(Patience);
        Assert.Equal(3, await CountClientsAsync());
    }

    [Fact]
    public async Task A_save_that_fails_lets_the_next_writer_in()
    {
        await using (var first = gym.CreateDb())
        {
            first.Visits.Add(new Visit { ClientId = 999_999, VisitedAt = gym.Clock.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => first.SaveChangesAsync());
        }

        await SaveClientAsync("Luis").WaitAsync(Patience);
        Assert.Equal(1, await CountClientsAsync());
    }

    [Fact]
    public async Task A_transaction_that_could_not_begin_lets_the_next_writer_in_and_so_do_its_context_s_next_transactions()
    {
        // Another process — an import from the command line — holds SQLite's write lock past the wait of a BEGIN.
        await using var otherProcess = new SqliteConnection(gym.ConnectionString);
        await otherProcess.OpenAsync();
        await using var lockHeld = await otherProcess.BeginTransactionAsync();
        await using (var insert = otherProcess.CreateCommand())
        {
            insert.CommandText = "INSERT INTO Clients (FirstName, LastName, Status, Stage, EmailOptOut, CreatedAt, UpdatedAt) VALUES ('Ana', 'Other', 'Lead', 'New', 0, '2026-03-10', '2026-03-10')";
            await insert.ExecuteNonQueryAsync();
        }

        await using (var first = gym.CreateDb())
        {
            first.Database.SetConnectionString(gym.ConnectionString + ";Default Timeout=1");
            await Assert.ThrowsAsync<SqliteException>(() => first.Database.BeginTransactionAsync());
        }

        await lockHeld.RollbackAsync();

        // The pooled contexts come back, the failed one among them: a transaction that reads and ends unfinished, as the
        // event dispatcher's does when there is nothing to handle, must let the next one in too.
        for (var i = 0; i < 3; i++)
        {
            await using var next = gym.CreateDb();
            await using var transaction = await next.Database.BeginTransactionAsync().WaitAsync(Patience);
            await next.Clients.CountAsync();
        }

        await SaveClientAsync("Luis").WaitAsync(Patience);
        Assert.Equal(1, await CountClientsAsync());
    }

    private async Task SaveClientAsync(string name)
    {
        await using var db = gym.CreateDb();
        db.Clients.Add(NewClient(name));
        await db.SaveChangesAsync();
    }

    private async Task<int> CountClientsAsync()
    {
        await using var db = gym.CreateDb();
        return await db.Clients.CountAsync();
    }

    private Client NewClient(string name) => new() { FirstName = name, CreatedAt = gym.Clock.UtcNow, UpdatedAt = gym.Clock.UtcNow };
}
