using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace GymAutomation.Core.Data;

/// <summary>
/// Says that the app serves a SQLite gym: from its start to its stop the app holds an exclusive <c>flock</c> on
/// <c>gym.db.serving</c> (<see cref="ProcessWriteLock.TryOwn"/>), which the kernel drops with the process. What must
/// not run beside the app — <see cref="DatabaseCopy"/> — tries the same lock and refuses while it is held. The
/// command line's verbs start no hosted service, so they never hold it.
/// </summary>
internal sealed class ServingLock(IDbContextFactory<GymDbContext> dbFactory) : IHostedService
{
    private IDisposable? held;

    /// <summary>The lock file of the SQLite gym <paramref name="connectionString"/> names; null for one in memory.</summary>
    public static string? FileOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? null
            : Path.GetFullPath(builder.DataSource) + ".serving";
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (FileOf(db.Database.GetConnectionString()!) is { } file)
        {
            held = ProcessWriteLock.TryOwn(file);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        held?.Dispose();
        held = null;
        return Task.CompletedTask;
    }
}
