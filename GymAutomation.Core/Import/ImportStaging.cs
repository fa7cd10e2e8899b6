using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Import;

/// <summary>
/// Where an import keeps its checked rows until they are published, and the SQL that stages, counts and publishes
/// them: the one place of the import's provider-specific SQL, one subclass per provider. A staging is named by a
/// string kept on each <see cref="ImportRun"/>: on SQLite a file beside the gym's (<see cref="SqliteImportStaging"/>),
/// on PostgreSQL a schema of the gym's database (<see cref="PostgresImportStaging"/>). Its staged tables number their
/// rows in the order the file had them, and a publish moves them on by ranges of those numbers.
/// </summary>
internal abstract class ImportStaging
{
    public static ImportStaging Of(GymDbContext db) => db.Database.IsNpgsql() ? PostgresImportStaging.Instance : SqliteImportStaging.Instance;

    /// <summary>The schema the staged tables are reached under, on a connection <see cref="OpenAsync"/> prepared.</summary>
    public abstract string Schema(string staging);

    /// <summary>The column (or pseudo-column) that numbers a staged table's rows, from 1 in the file's order.</summary>
    public abstract string RowNumber { get; }

    public abstract SqlComparison Compare { get; }

    /// <summary>A new staging's name, used by nothing yet.</summary>
    public abstract string New(GymDbContext db);

    /// <summary>
    /// Claims <paramref name="staging"/> for as long as the result is not disposed, on the connection of
    /// <paramref name="db"/> (kept open meanwhile): null when an import alive in this or another process holds it. The
    /// claim dies with its process, so an unfinished run whose staging nobody holds was interrupted.
    /// </summary>
    public abstract Task<IAsyncDisposable?> TryOwnAsync(GymDbContext db, string staging, CancellationToken cancellationToken);

    /// <summary>Prepares the connection for a file's publish.</summary>
    public abstract Task StartPublishAsync(GymDbContext db);

    /// <summary>Undoes <see cref="StartPublishAsync"/>, once the file is published.</summary>
    public abstract Task EndPublishAsync(GymDbContext db);

    /// <summary>Makes the staging reachable on the open connection of <paramref name="db"/>, creating it when new.</summary>
    public abstract Task OpenAsync(GymDbContext db, string staging, CancellationToken cancellationToken);

    /// <summary>Undoes what <see cref="OpenAsync"/> did to the connection.</summary>
    public abstract Task CloseAsync(GymDbContext db);

    /// <summary>Whether the staging still holds every row <paramref name="run"/> staged in its file's table.</summary>
    public abstract Task<bool> HoldsAsync(GymDbContext db, ImportRun run, string table);

    /// <summary>What to say of a run whose staging is gone.</summary>
    public abstract string LostMessage { get; }

    /// <summary>Removes the staging and whatever it left beside it.</summary>
    public abstract Task DeleteAsync(GymDbContext db, string staging);

    /// <summary>
    /// SQL that (re)creates the staged table <paramref name="staged"/> in the shape of <paramref name="table"/>, indexed on
    /// <paramref name="keys"/>: <paramref name="unique"/>ly when a repeated key is to be left out as the rows are staged
    /// (or, where <see cref="OrdersByKeyAfterStaging"/>, by <see cref="OrderByKeySql"/> once they are).
    /// </summary>
    public abstract string CreateTableSql(string staged, string table, string keys, string indexName, bool unique);

    /// <summary>
    /// Whether a staged table with a unique key is filled without that key's index, in the file's order, and put in key
    /// order with its index by <see cref="OrderByKeySql"/> once every row is staged.
    /// </summary>
    public virtual bool OrdersByKeyAfterStaging => false;

    /// <summary>
    /// SQL that gives the staged table <paramref name="staged"/> its unique index on <paramref name="keys"/> and, unless
    /// the file was written <paramref name="inKeyOrder"/> already, rewrites its rows in key order, keeping each key's
    /// first line: a publish then takes its rows in the order of the gym's own index on that key.
    /// </summary>
    public virtual string OrderByKeySql(string staged, string table, string keys, string indexName, bool inKeyOrder) => "";

    /// <summary>The <c>CREATE INDEX</c> of <see cref="CreateTableSql"/>'s keys, without what names the index's table.</summary>
    protected static string CreateIndex(bool unique) => unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX";

    /// <summary>Runs <paramref name="sql"/>, whose work is mostly a sort (an index built, rows put in key order), on the import's connection.</summary>
    public virtual Task SortAsync(GymDbContext db, string sql, CancellationToken cancellationToken) => db.Database.ExecuteSqlRawAsync(sql, cancellationToken);

    /// <summary>Runs <paramref name="write"/>, which writes only staged tables, in a transaction of its own.</summary>
    public abstract Task<T> WriteAsync<T>(GymDbContext db, Func<Task<T>> write);

    /// <summary>A count of the rows for which <paramref name="condition"/> holds, as a bigint, 0 over none.</summary>
    public abstract string CountWhere(string condition);

    /// <summary>A boolean SQL literal.</summary>
    public abstract string False { get; }

    /// <summary>
    /// SQL that publishes the staged rows numbered after <c>{0}</c> through <c>{1}</c>; <paramref name="onConflict"/>
    /// is its <c>ON CONFLICT</c> clause.
    /// </summary>
    public abstract string PublishSql(string table, string columns, string staged, string onConflict);

    /// <summary>
    /// SQL that publishes like <see cref="PublishSql"/> a table whose only unique key is the conflict's, into which the
    /// staged rows cannot break a <c>NOT NULL</c> or <c>CHECK</c>, with the foreign keys checked by
    /// <see cref="CheckParentsAsync"/> instead of the database, on a connection <see cref="StartLeanPublishAsync"/> prepared.
    /// </summary>
    public virtual string LeanPublishSql(string table, string columns, string staged, string onConflict) => PublishSql(table, columns, staged, onConflict);

    /// <summary>
    /// Refuses the staged rows numbered after <paramref name="after"/> through <paramref name="through"/> when one names a
    /// parent row (<paramref name="parents"/>) not stored, as the database would, for a lean publish; nothing to do
    /// where the database checks them itself.
    /// </summary>
    public virtual Task CheckParentsAsync(GymDbContext db, string staged, IReadOnlyList<ParentKey> parents, long after, long through) => Task.CompletedTask;

    /// <summary>Prepares the connection for a lean publish (<see cref="LeanPublishSql"/>) until the result is disposed.</summary>
    public virtual Task<IAsyncDisposable?> StartLeanPublishAsync(GymDbContext db) => Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>The number of the last staged row, 0 when none.</summary>
    public Task<long> LastRowAsync(GymDbContext db, string staged, CancellationToken cancellationToken)
    {
        var last = $"SELECT coalesce(max({RowNumber}), 0) AS \"Value\" FROM {staged}";
        return db.Database.SqlQueryRaw<long>(last).SingleAsync(cancellationToken);
    }
}
