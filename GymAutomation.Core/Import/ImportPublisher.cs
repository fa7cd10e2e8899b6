using System.Diagnostics;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Import;

/// <summary>
/// Moves an import's checked rows from its staging (<see cref="ImportStaging"/>: a SQLite file of its own attached to
/// the import's connection, or a schema of its own on PostgreSQL) into the gym's tables without holding the gym's
/// write lock for long. Filling the staging locks nothing the app writes. Publishing is a series of short transactions
/// — each a range of staged rows, sized to take about <see cref="ImportOptions.PublishChunkMilliseconds"/> — that take
/// the write gate like any other writer, so that between two of them a check-in waiting in this process or another
/// (<see cref="ProcessWriteLock"/>) gets its turn. An <see cref="ImportRun"/> moves on in each chunk's transaction;
/// one left unfinished by a crash is finished from its staging by <see cref="ResumeAsync"/>, at the next import or
/// the app's next start.
/// </summary>
public sealed class ImportPublisher(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, IOptions<ImportOptions> options, IWriterQueue writers)
{
    /// <summary>The stage history's chunks: one short statement per few thousand clients, whatever the publish's setting.</summary>
    internal static readonly TimeSpan StageHistoryChunk = TimeSpan.FromMilliseconds(50);

    private const int FirstChunkRows = 2_000;


    /// <summary>
    /// Finishes every publish a crash interrupted, on a connection of its own. Returns the problems of those that
    /// cannot be finished because their staging is gone (each is closed as incomplete), or none.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResumeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.ImportRuns.AsNoTracking().Where(r => r.FinishedAt == null).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return [];
        }

        var problems = new List<string>();
        var staging = ImportStaging.Of(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var run in pending)
            {
                // A run whose import is alive (in this process or another) is being published by it, not interrupted.
                await using var owner = await staging.TryOwnAsync(db, run.Staging, cancellationToken);
                if (owner is null)
                {
                    continue;
                }

                if (!await ImportTable.Of(run.File).StagedAsync(db, run))
                {
                    problems.Add(ImportPublishText.Format(staging.LostMessage, run.File, run.StartedAt, run.Staging));
                    await FinishAsync(db, run);
                    await DeleteStagingIfDoneAsync(db, run.Staging);
                    continue;
                }

                await staging.OpenAsync(db, run.Staging, cancellationToken);
                try
                {
                    await PublishRestAsync(db, run);
                }
                finally
                {
                    await staging.CloseAsync(db);
                }

                await DeleteStagingIfDoneAsync(db, run.Staging);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return problems;
    }

    /// <summary>
    /// Publishes the rows <paramref name="table"/> staged: the run is recorded first, then every chunk follows
    /// whatever happens to the import's cancellation — a file whose rows were all read and checked is published whole.
    /// A file that changes no stored row is not published at all (and not recorded): importing the same folder
    /// again writes nothing. <paramref name="saved"/> is told the staged rows written through after each piece.
    /// </summary>
    internal async Task PublishAsync(GymDbContext db, ImportTable table, string staging, long stagedRows, ImportCounts counts, Action<long>? saved = null)
    {
        if (counts.New + counts.Updated == 0)
        {
            await table.AfterAsync(db, clock.UtcNow, CancellationToken.None);
            return;
        }

        var run = new ImportRun
        {
            File = table.File.Name,
            Staging = staging,
            StagedRows = stagedRows,
            New = counts.New,
            Updated = counts.Updated,
            StartedAt = clock.UtcNow,
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        await PublishRestAsync(db, run, saved);
    }

    /// <summary>Deletes a staging once no unfinished publish needs it.</summary>
    internal static async Task DeleteStagingIfDoneAsync(GymDbContext db, string staging)
    {
        if (!await db.ImportRuns.AnyAsync(r => r.FinishedAt == null && r.Staging == staging, CancellationToken.None))
        {
            await ImportStaging.Of(db).DeleteAsync(db, staging);
        }
    }

    /// <summary>
    /// Runs <paramref name="chunk"/> over the range (<paramref name="after"/>, <paramref name="last"/>] in pieces sized
    /// to take about <paramref name="target"/> each. A write transaction holds pieces for as long as
    /// <paramref name="othersWaiting"/> says no other writer waits (and <paramref name="maxTurn"/> at most): a writer that
    /// comes waits for the piece under way, then the transaction commits and lets it in. Without
    /// <paramref name="othersWaiting"/> each piece is a transaction of its own. <paramref name="done"/> runs in each
    /// transaction with the end of the range written.
    /// </summary>
    internal static async Task InChunksAsync(
        GymDbContext db, long after, long last, int firstSize, TimeSpan target, Func<long, long, Task> chunk, CancellationToken cancellationToken,
        Func<long, Task>? done = null, Func<bool>? othersWaiting = null, TimeSpan maxTurn = default)
    {
        var size = (long)firstSize;
        while (after < last)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var turn = Stopwatch.GetTimestamp();
            do
            {
                var through = Math.Min(after + size, last);
                var started = Stopwatch.GetTimestamp();
                await chunk(after, through);
                size = NextSize(size, Stopwatch.GetElapsedTime(started), target);
                after = through;
            }
            while (after < last && othersWaiting is not null && Stopwatch.GetElapsedTime(turn) < maxTurn && !othersWaiting());

            if (done is not null)
            {
                await done(after);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task PublishRestAsync(GymDbContext db, ImportRun run, Action<long>? saved = null)
    {
        var table = ImportTable.Of(run.File);
        var store = ImportStaging.Of(db);
        await store.StartPublishAsync(db);
        try
        {
            await using (table.LeanPublish ? await store.StartLeanPublishAsync(db) : null)
            {
                if (run.PublishedThrough == 0)
                {
                    await table.DeferIndexesAsync(db);
                }

                await PublishChunksAsync(db, run, table, saved);
                await table.BuildDeferredIndexesAsync(db);
            }
        }
        finally
        {
            await store.EndPublishAsync(db);
        }

        await table.AfterAsync(db, clock.UtcNow, CancellationToken.None);
        await FinishAsync(db, run);
    }

    private Task PublishChunksAsync(GymDbContext db, ImportRun run, ImportTable table, Action<long>? saved) =>
        InChunksAsync(db, run.PublishedThrough, run.StagedRows, FirstChunkRows, TimeSpan.FromMilliseconds(options.Value.PublishChunkMilliseconds),
            async (after, through) =>
            {
                await table.PublishAsync(db, run.Staging, after, through, CancellationToken.None);
                saved?.Invoke(through);
            },
            CancellationToken.None,
            through => db.Database.ExecuteSqlAsync($"""UPDATE "ImportRuns" SET "PublishedThrough" = {through} WHERE "Id" = {run.Id}""", CancellationToken.None),
            () => writers.OthersWaiting(db.Database.GetDbConnection()), TimeSpan.FromMilliseconds(options.Value.PublishTurnMilliseconds));

    private async Task FinishAsync(GymDbContext db, ImportRun run)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.Database.ExecuteSqlAsync($"""UPDATE "ImportRuns" SET "FinishedAt" = {clock.UtcNow} WHERE "Id" = {run.Id}""", CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    // Halving or doubling at most, so that one slow chunk (a checkpoint, a cold page) does not swing the next one far.
    private static long NextSize(long size, TimeSpan took, TimeSpan target)
    {
        var scaled = took <= TimeSpan.Zero ? size * 2 : (long)(size * (target / took));
        return Math.Clamp(scaled, Math.Max(100, size / 2), Math.Min(2_000_000, size * 2));
    }
}
