using GymAutomation.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GymAutomation.Core.Data;

/// <summary>
/// Checks the database file, brings it to the latest migration before the app serves anything, then runs the start-up
/// tasks. A damaged file stops the start (<see cref="DamagedDatabaseException"/>).
/// </summary>
internal sealed class DatabaseMigrator(
    IDbContextFactory<GymDbContext> dbFactory,
    DatabaseFileCheck fileCheck,
    IEnumerable<IStartupTask> startupTasks,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await fileCheck.EnsureAsync(cancellationToken);
        await GymDatabase.PrepareAsync(dbFactory, startupTasks, cancellationToken);
        logger.LogInformation("Database is at the latest migration and the start-up tasks ran");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The schema, brought up to date: by the app at start-up, and by command-line verbs that exit without serving.</summary>
public static class GymDatabase
{
    public static async Task MigrateAsync(IDbContextFactory<GymDbContext> dbFactory, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var turn = await PreparationTurn.TakeAsync(db, cancellationToken);
        await MigrateInTurnAsync(dbFactory, cancellationToken);
    }

    /// <summary>
    /// Migrations, then the start-up tasks in order, in the database's <see cref="PreparationTurn"/>: the database as
    /// the app has it when it starts serving.
    /// </summary>
    public static async Task PrepareAsync(IDbContextFactory<GymDbContext> dbFactory, IEnumerable<IStartupTask> startupTasks, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var turn = await PreparationTurn.TakeAsync(db, cancellationToken);
        await MigrateInTurnAsync(dbFactory, cancellationToken);
        foreach (var task in DeclaredOrder.Sort(startupTasks, t => t.Order))
        {
            await task.RunAsync(cancellationToken);
        }
    }

    private static async Task MigrateInTurnAsync(IDbContextFactory<GymDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the board read while a job writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>
/// Work that runs once at start-up, after migrations (bootstrap users, the demo gym…), by <see cref="Order"/>, lowest
/// first. Each task states its place and why; no two may share one.
/// </summary>
public interface IStartupTask
{
    int Order { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
