using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GymAutomation.Core.Data;

/// <summary>
/// <see cref="BulkInsert"/> on PostgreSQL: rows streamed with binary <c>COPY</c>, in the caller's transaction. Plain
/// inserts are copied straight into the table. An upsert copies into a temporary table first (COPY has no
/// <c>ON CONFLICT</c>) and moves the rows on with one <c>INSERT … SELECT … ON CONFLICT</c>, in the order they came,
/// so that of two rows with one key the first is the one kept, as on SQLite.
/// </summary>
internal static class PostgresBulkCopy
{
    private const string Buffer = "\"BulkRows\"";
    private const string BufferOrder = "\"BulkRow\"";

    public static async Task<int> UpsertAsync<T>(
        GymDbContext db, TableShape shape, string tableName, IEnumerable<T> rows, OnConflict? onConflict, CancellationToken cancellationToken)
        where T : class
    {
        if (onConflict is null)
        {
            return (int)await CopyAsync(db, shape, tableName, rows, cancellationToken);
        }

        var create = $"""
            CREATE TEMPORARY TABLE {Buffer} AS SELECT {shape.ColumnList} FROM {tableName} WITH NO DATA;
            ALTER TABLE {Buffer} ADD COLUMN {BufferOrder} bigint GENERATED ALWAYS AS IDENTITY;
            """;
        await db.Database.ExecuteSqlRawAsync(create, cancellationToken);
        await CopyAsync(db, shape, Buffer, rows, cancellationToken);
        var move = $"""
            INSERT INTO {tableName} ({shape.ColumnList})
            SELECT {shape.ColumnList} FROM {Buffer} ORDER BY {BufferOrder}
            {onConflict.ToSql(tableName, shape.Column, SqlComparison.Postgres)};
            """;
        var moved = await db.Database.ExecuteSqlRawAsync(move, cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"DROP TABLE {Buffer}", cancellationToken);
        return moved;
    }

    // Each value is written as the type its CLR value maps to (string → text, DateTime → timestamptz…): the same
    // types the migrations made the columns of, since both come from the model.
    private static async Task<ulong> CopyAsync<T>(GymDbContext db, TableShape shape, string tableName, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {tableName} ({shape.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in shape.Columns)
            {
                var value = column.ProviderValue(row);
                if (value is DBNull)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(value, cancellationToken);
                }
            }
        }

        return await writer.CompleteAsync(cancellationToken);
    }
}
