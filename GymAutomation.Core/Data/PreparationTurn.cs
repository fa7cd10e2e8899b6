using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Data;

/// <summary>
/// Processes preparing one database (migrations, then the start-up tasks) take turns: each task reads, then writes
/// what is missing (the roles, the default rules), and two at once would both find it missing. Both kinds of turn
/// end with the process that holds one, so a killed process never keeps the others waiting. On PostgreSQL the turn is
/// a session's advisory lock. On SQLite it is an exclusive <c>flock</c> on <c>gym.db.prepare</c>; there EF's own
/// migration lock is a row of <c>__EFMigrationsLock</c>, which a process killed while migrating leaves behind and
/// every later migration then waits for forever. Every migration of the app's database runs in a turn, so a row found
/// by the holder of the turn was left by a dead process, and is removed.
/// </summary>
internal sealed class PreparationTurn : IAsyncDisposable
{
    private const long AdvisoryLock = 0x4779_6D50_7265; // "GymPre"
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly GymDbContext? advisory;
    private readonly IDisposable? file;

    private PreparationTurn(GymDbContext? advisory, IDisposable? file)
    {
        this.advisory = advisory;
        this.file = file;
    }

    public static async Task<PreparationTurn> TakeAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({AdvisoryLock})", cancellationToken);
            return new PreparationTurn(db, null);
        }

        if (!db.Database.IsSqlite() || DatabaseFile(db.Database.GetConnectionString()) is not { } database)
        {
            return new PreparationTurn(null, null);
        }

        IDisposable? owner;
        while ((owner = ProcessWriteLock.TryOwn(database + ".prepare")) is null)
        {
            await Task.Delay(Poll, cancellationToken);
        }

        try
        {
            await ForgetDeadMigrationLockAsync(db, cancellationToken);
        }
        catch
        {
            owner.Dispose();
            throw;
        }

        return new PreparationTurn(null, owner);
    }

    public async ValueTask DisposeAsync()
    {
        if (advisory is not null)
        {
            await advisory.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLock})", CancellationToken.None);
        }

        file?.Dispose();
    }

    private static string? DatabaseFile(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory ? null : Path.GetFullPath(builder.DataSource);
    }

    private static async Task ForgetDeadMigrationLockAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        var hasLockTable = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(cancellationToken) > 0;
        if (hasLockTable)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken);
        }
    }
}
