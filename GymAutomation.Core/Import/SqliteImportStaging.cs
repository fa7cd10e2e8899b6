using GymAutomation.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Import;

/// <summary>
/// Staging on SQLite: a database file of its own beside the gym's, attached to the import's connection as
/// <c>staging</c>. Filling it locks nothing the app writes: its writes take a deferred transaction of the connection's
/// own, outside the write gate. An import holds <see cref="OwnerFile"/> locked while it uses the file.
/// </summary>
internal sealed class SqliteImportStaging : ImportStaging
{
    public static readonly SqliteImportStaging Instance = new();

    private const string Attached = "staging";

    private const int SqliteConstraint = 19;

    public override string RowNumber => "rowid";

    public override SqlComparison Compare => SqlComparison.Sqlite;

    public override string False => "0";

    public override string LostMessage => ImportPublishText.StagingLost;

    public override string Schema(string staging) => Attached;

    /// <summary>A new staging file's path: beside the gym's database, so that it is on the same disk and kept with it.</summary>
    public override string New(GymDbContext db)
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var name = $"import-{Guid.NewGuid():N}.staging";
        return builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? Path.Combine(Path.GetTempPath(), "gym-" + name)
            : Path.GetFullPath(builder.DataSource) + "." + name;
    }

    public override Task<IAsyncDisposable?> TryOwnAsync(GymDbContext db, string staging, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(ProcessWriteLock.TryOwn(OwnerFile(staging)) is { } owner ? new Owned(owner) : null);

    public override async Task OpenAsync(GymDbContext db, string staging, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"ATTACH DATABASE {staging} AS staging", cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"PRAGMA {Attached}.cache_size = -{GymImport.CacheKiB}", cancellationToken);
    }

    public override Task CloseAsync(GymDbContext db) =>
        db.Database.ExecuteSqlRawAsync($"DETACH DATABASE {Attached}", CancellationToken.None);

    public override Task<bool> HoldsAsync(GymDbContext db, ImportRun run, string table) => Task.FromResult(File.Exists(run.Staging));

    public override Task DeleteAsync(GymDbContext db, string staging)
    {
        File.Delete(staging);
        File.Delete(staging + "-journal");
        File.Delete(OwnerFile(staging));
        return Task.CompletedTask;
    }

    public override string CreateTableSql(string staged, string table, string keys, string indexName, bool unique) => $"""
        DROP TABLE IF EXISTS {staged};
        CREATE TABLE {staged} AS SELECT * FROM {table} WHERE 0;
        {(unique ? "" : $"{CreateIndex(unique: false)} \"{Attached}\".{indexName} ON {table} ({keys});")}
        """;

    /// <summary>
    /// A unique key's index, filled row by row, took a visit file in time order at random all over it (12 s against
    /// about 1 s for 3.5 M visits in client order), and the publish then did the same to the gym's (client, time) index.
    /// So the rows are staged in the file's order without it, and then either indexed (a file already in key order) or
    /// copied once, sorted, into a table that has it (5–6 s) — see <c>docs/decisions/import-writes.md</c>.
    /// </summary>
    public override bool OrdersByKeyAfterStaging => true;

    public override string OrderByKeySql(string staged, string table, string keys, string indexName, bool inKeyOrder) => inKeyOrder
        ? $"""{CreateIndex(unique: true)} "{Attached}".{indexName} ON {table} ({keys});"""
        : $"""
            DROP TABLE IF EXISTS "{Attached}"."Sorted";
            CREATE TABLE "{Attached}"."Sorted" AS SELECT * FROM {staged} WHERE 0;
            {CreateIndex(unique: true)} "{Attached}".{indexName} ON "Sorted" ({keys});
            INSERT INTO "{Attached}"."Sorted" SELECT * FROM {staged} WHERE TRUE ORDER BY {keys}, "Id" ON CONFLICT DO NOTHING;
            DROP TABLE {staged};
            ALTER TABLE "{Attached}"."Sorted" RENAME TO {table};
            """;

    /// <summary>
    /// SQLite sorts in memory up to the main database's page cache, as one run on one thread. With the publish's
    /// <see cref="GymImport.GymCacheKiB"/> the index over 3.5 M visits' times was one sort of 2.8–3.2 s. With
    /// <see cref="GymImport.SortKiB"/> it sorts runs of that size on worker threads and merges them: 1.45–1.5 s
    /// (<c>docs/decisions/import-writes.md</c>). The cache is given back as it was.
    /// </summary>
    public override async Task SortAsync(GymDbContext db, string sql, CancellationToken cancellationToken)
    {
        var cache = await db.Database.SqlQueryRaw<long>("SELECT cache_size AS \"Value\" FROM pragma_cache_size()").SingleAsync(cancellationToken);
        var sortBudget = $"PRAGMA main.cache_size = -{GymImport.SortKiB}; PRAGMA threads = {GymImport.SortThreads}";
        await db.Database.ExecuteSqlRawAsync(sortBudget, cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
        finally
        {
            var restore = $"PRAGMA main.cache_size = {cache}; PRAGMA threads = 0";
            await db.Database.ExecuteSqlRawAsync(restore, CancellationToken.None);
        }
    }

    /// <summary>
    /// In a deferred transaction of the connection's own, outside the write gate: it writes only the staging
    /// database, and a deferred transaction locks only the databases it writes.
    /// </summary>
    public override async Task<T> WriteAsync<T>(GymDbContext db, Func<Task<T>> write)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = connection.BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction);
        try
        {
            var result = await write();
            await transaction.CommitAsync();
            return result;
        }
        finally
        {
            await db.Database.UseTransactionAsync(null);
        }
    }

    public override string CountWhere(string condition) => $"coalesce(sum({condition}), 0)";

    // The WHERE keeps SQLite from reading ON CONFLICT as part of the SELECT.
    public override string PublishSql(string table, string columns, string staged, string onConflict) => $"""
        INSERT INTO {table} ({columns})
        SELECT {columns} FROM {staged} WHERE rowid > {"{0}"} AND rowid <= {"{1}"}
        {onConflict}
        """;

    /// <summary>
    /// <c>INSERT OR IGNORE</c>: without a constraint that could stop the statement halfway, SQLite keeps no statement
    /// journal — the copy of every page a statement changes first, which a statement inside a longer transaction needs
    /// to be undone alone. An index in another order than the file's takes each piece's rows on thousands of pages, and
    /// that copy was a third of the visits' publish when they still had a time index. <c>OR IGNORE</c> changes nothing else here: the conflict key is the
    /// table's only unique one, the staged rows hold no null where the table refuses one, and a row whose parent is
    /// gone is refused before the statement (<see cref="CheckParentsAsync"/>), the foreign keys being off meanwhile.
    /// </summary>
    public override string LeanPublishSql(string table, string columns, string staged, string onConflict) =>
        "INSERT OR IGNORE" + PublishSql(table, columns, staged, onConflict)["INSERT".Length..];

    /// <summary>Throws what SQLite's own foreign key check throws (<c>SQLITE_CONSTRAINT</c>) when a staged row of the range names a parent not stored.</summary>
    public override async Task CheckParentsAsync(GymDbContext db, string staged, IReadOnlyList<ParentKey> parents, long after, long through)
    {
        var orphans = $"""
            SELECT count(*) AS "Value" FROM {staged} s
            WHERE s.rowid > {"{0}"} AND s.rowid <= {"{1}"} AND NOT ({string.Join(" AND ", parents.Select(p => p.Exists("s")))})
            """;
        if (await db.Database.SqlQueryRaw<long>(orphans, after, through).SingleAsync() > 0)
        {
            throw new SqliteException("SQLite Error 19: 'FOREIGN KEY constraint failed'.", SqliteConstraint);
        }
    }

    /// <summary>
    /// The foreign keys off: SQLite checks an immediate foreign key at the statement's end, which also calls for the
    /// statement journal. They are set outside any transaction (SQLite ignores the pragma inside one) and on again after.
    /// </summary>
    public override async Task<IAsyncDisposable?> StartLeanPublishAsync(GymDbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF", CancellationToken.None);
        return new ForeignKeysOn(db);
    }

    /// <summary>
    /// The page cache for the gym's database while a file is published (<see cref="GymImport.GymCacheKiB"/>), on the lane
    /// that publishes it: the lanes that stage and count meanwhile keep the pool's usual cache, and so does this one
    /// again after; the staging's is set when it is attached.
    /// </summary>
    public override Task StartPublishAsync(GymDbContext db) =>
        db.Database.ExecuteSqlRawAsync($"PRAGMA main.cache_size = -{GymImport.GymCacheKiB}", CancellationToken.None);

    /// <summary>The pool's usual cache, as the connection was given it.</summary>
    public override Task EndPublishAsync(GymDbContext db) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA main.cache_size = -2000", CancellationToken.None);

    /// <summary>
    /// The file an import holds locked (<see cref="ProcessWriteLock.TryOwn"/>) while it uses its staging file: the
    /// lock dies with the import, so a run whose owner file is free was interrupted. Not the staging file itself:
    /// closing another descriptor of a database file would drop SQLite's own locks on it.
    /// </summary>
    internal static string OwnerFile(string staging) => staging + ".owner";

    private sealed class ForeignKeysOn(GymDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON", CancellationToken.None);
    }

    private sealed class Owned(IDisposable owner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
