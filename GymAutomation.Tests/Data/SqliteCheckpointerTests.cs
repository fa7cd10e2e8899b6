using GymAutomation.Core.Data;
using GymAutomation.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GymAutomation.Tests.Data;

[Trait("Provider", "Sqlite")]
public sealed class SqliteCheckpointerTests : IAsyncLifetime
{
    private const long Written = 8 * 1024 * 1024;

    private TestGym gym = default!;
    private bool registered;

    public async Task InitializeAsync() =>
        gym = await TestGym.StartAsync(configure: services => registered = services.Any(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(SqliteCheckpointer)));

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_commit_past_SQLite_s_own_checkpoint_returns_without_copying_the_log_and_the_checkpointer_copies_it_within_seconds()
    {
        // Held open so that no last connection's close copies the log into the file: only a commit or the checkpointer may.
        await using var keeper = new SqliteConnection(gym.ConnectionString);
        await keeper.OpenAsync();
        await using (var read = keeper.CreateCommand())
        {
            // A connection joins the log's shared memory, which tells a closing connection it is not the last, at its first read.
            read.CommandText = "SELECT COUNT(*) FROM sqlite_master";
            await read.ExecuteScalarAsync();
        }

        var file = new FileInfo(new SqliteConnectionStringBuilder(gym.ConnectionString).DataSource);
        var before = file.Length;

        await using (var db = gym.CreateDb())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Scratch\" (\"Bytes\" BLOB)");
            // About 2,000 pages in one commit: past the 1,000 at which SQLite has the committing connection checkpoint.
            await db.Database.ExecuteSqlRawAsync(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2048) INSERT INTO \"Scratch\" SELECT randomblob(4000) FROM n");
        }

        file.Refresh();
        Assert.True(file.Length < before + Written / 8, $"The commit copied its pages into the file: {before:N0} → {file.Length:N0} bytes.");

        Assert.True(registered, "The app does not run the checkpointer.");
        var checkpointer = ActivatorUtilities.CreateInstance<SqliteCheckpointer>(gym.Services);
        await checkpointer.StartAsync(CancellationToken.None);
        try
        {
            // The checkpointer ticks on the machine's clock (FakeTimeProvider does not drive it) and says nothing when it
            // has copied: the test waits for what it promises, the file grown, looking every 100 ms for up to 10 s.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (file.Length < before + Written && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
                file.Refresh();
            }

            Assert.True(file.Length >= before + Written, $"The checkpointer did not copy the log into the file: {before:N0} → {file.Length:N0} bytes.");
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }
    }
}
