using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Import;

/// <summary>
/// Staging on PostgreSQL: a schema of the gym's database per import (<c>import_…</c>), its tables <c>UNLOGGED</c> —
/// nothing there needs the write-ahead log, and a server crash that empties them is seen by <see cref="HoldsAsync"/>.
/// Each staged table numbers its rows with an identity column, <see cref="RowNumber"/>, in the order the file had
/// them; it is the table's primary key, so that each chunk of a publish reads only its own range, as SQLite's rowid does. An import holds a session-level advisory lock named after its schema while it uses it: the server drops it
/// with the import's connection, so a run whose lock is free was interrupted.
/// </summary>
internal sealed class PostgresImportStaging : ImportStaging
{
    public static readonly PostgresImportStaging Instance = new();

    private const string StagedRow = "\"StagedRow\"";

    public override string RowNumber => StagedRow;

    public override SqlComparison Compare => SqlComparison.Postgres;

    public override string False => "false";

    public override string LostMessage => ImportPublishText.StagingSchemaLost;

    public override string Schema(string staging) => staging;

    public override string New(GymDbContext db) => $"import_{Guid.NewGuid():N}";

    public override async Task<IAsyncDisposable?> TryOwnAsync(GymDbContext db, string staging, CancellationToken cancellationToken)
    {
        var owned = await db.Database
            .SqlQueryRaw<bool>("SELECT pg_try_advisory_lock(hashtextextended({0}, 0)) AS \"Value\"", staging)
            .SingleAsync(cancellationToken);
        return owned ? new Owned(db, staging) : null;
    }

    public override Task StartPublishAsync(GymDbContext db) => Task.CompletedTask;

    public override Task EndPublishAsync(GymDbContext db) => Task.CompletedTask;

    public override Task OpenAsync(GymDbContext db, string staging, CancellationToken cancellationToken)
    {
        var create = $"CREATE SCHEMA IF NOT EXISTS \"{staging}\"";
        return db.Database.ExecuteSqlRawAsync(create, cancellationToken);
    }

    public override Task CloseAsync(GymDbContext db) => Task.CompletedTask;

    public override async Task<bool> HoldsAsync(GymDbContext db, ImportRun run, string table)
    {
        var staged = $"\"{run.Staging}\".{table}";
        if (!await db.Database.SqlQueryRaw<bool>("SELECT to_regclass({0}) IS NOT NULL AS \"Value\"", staged).SingleAsync())
        {
            return false;
        }

        return await LastRowAsync(db, staged, CancellationToken.None) >= run.StagedRows;
    }

    public override Task DeleteAsync(GymDbContext db, string staging)
    {
        var drop = $"DROP SCHEMA IF EXISTS \"{staging}\" CASCADE";
        return db.Database.ExecuteSqlRawAsync(drop, CancellationToken.None);
    }

    public override string CreateTableSql(string staged, string table, string keys, string indexName, bool unique) => $"""
        DROP TABLE IF EXISTS {staged};
        CREATE UNLOGGED TABLE {staged} AS SELECT * FROM {table} WITH NO DATA;
        ALTER TABLE {staged} ADD COLUMN {StagedRow} bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
        {CreateIndex(unique)} {indexName} ON {staged} ({keys});
        """;

    public override async Task<T> WriteAsync<T>(GymDbContext db, Func<Task<T>> write)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await write();
        await transaction.CommitAsync();
        return result;
    }

    public override string CountWhere(string condition) => $"count(*) FILTER (WHERE {condition})";

    // In the staged order, so that the new rows' ids follow the file as they do on SQLite.
    public override string PublishSql(string table, string columns, string staged, string onConflict) => $"""
        INSERT INTO {table} ({columns})
        SELECT {columns} FROM {staged} WHERE {StagedRow} > {"{0}"} AND {StagedRow} <= {"{1}"} ORDER BY {StagedRow}
        {onConflict}
        """;

    /// <summary>Lets the advisory lock go on the connection that took it, before that connection goes back to the pool.</summary>
    private sealed class Owned(GymDbContext db, string staging) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await db.Database.SqlQueryRaw<bool>("SELECT pg_advisory_unlock(hashtextextended({0}, 0)) AS \"Value\"", staging).SingleAsync();
    }
}
