using GymAutomation.Core.Data;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

/// <summary>The sending connection syncs every commit, and hands its pooled connection back as every other writer expects it.</summary>
// About SQLite's synchronous pragma; PostgreSQL syncs every commit already.
[Trait("Provider", "Sqlite")]
public sealed class DurableCommitsTests : IAsyncLifetime
{
    private const int Normal = 1;
    private const int Full = 2;

    private TestGym gym = null!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await gym.DisposeAsync();
    }

    [Fact]
    public async Task Commits_are_synced_while_held_and_the_pooled_connection_goes_back_to_normal()
    {
        var pooled = new SqliteConnectionStringBuilder(gym.ConnectionString) { Pooling = true }.ToString();
        await using var connection = new SqliteConnection(pooled);
        var options = new DbContextOptionsBuilder<GymDbContext>().UseSqlite(connection).AddInterceptors(new SqlitePragmas()).Options;
        await using var db = new GymDbContext(options);

        await using (await DurableCommits.OpenAsync(db, CancellationToken.None))
        {
            Assert.Equal(Full, await SynchronousAsync(connection));
        }

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        await connection.OpenAsync();
        // The pool hands the same native connection back, which the start-up settings do not visit again.
        Assert.Equal(Normal, await SynchronousAsync(connection));
    }

    private static async Task<long> SynchronousAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
