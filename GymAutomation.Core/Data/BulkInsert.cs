using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GymAutomation.Core.Data;

/// <summary>
/// Inserts many rows of one entity with prepared multi-row INSERTs, inside the context's current transaction.
/// EF Core's SQLite provider sends one command per row with change tracking around it; for tens of thousands of rows
/// (the demo gym, an import) this is many times faster. Table, columns and value conversions come from the EF model,
/// so a row is stored exactly as SaveChanges would store it. Store-generated keys are left to the database and not
/// read back. With an <see cref="OnConflict"/>, a row whose key is already stored updates it (or is skipped) instead.
/// On PostgreSQL the rows go through binary <c>COPY</c> instead (<see cref="PostgresBulkCopy"/>).
/// </summary>
internal static class BulkInsert
{
    /// <summary>
    /// Parameters a statement into the gym's tables. A statement of several rows into a table with foreign keys or a
    /// unique index keeps a journal of the pages it changes, to be undone alone: four alerts a statement (25 columns)
    /// made that journal most of writing 16,000 alerts (150 ms, against 70 ms at forty).
    /// </summary>
    private const int MaxParameters = 1000;

    /// <summary>
    /// Parameters a statement into an import's staging, whose tables have neither (no statement journal): there 1,000
    /// was measured no faster than 100 (<c>docs/decisions/import-writes.md</c>).
    /// </summary>
    private const int MaxStagingParameters = 100;

    public static Task<int> InsertManyAsync<T>(this GymDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class =>
        db.UpsertManyAsync(rows, onConflict: null, schema: null, withKeys: false, cancellationToken);

    /// <summary>Inserts the rows with the keys they carry (reserved beforehand, see <see cref="StoreKeys"/>) rather than keys the database picks.</summary>
    public static Task<int> InsertManyWithKeysAsync<T>(this GymDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class =>
        db.UpsertManyAsync(rows, TableShape.Of<T>(db, withKeys: true), onConflict: null, schema: null, cancellationToken);

    /// <summary>
    /// Inserts the rows; a row whose <see cref="OnConflict.Key"/> is stored updates the stored row's
    /// <see cref="OnConflict.Compared"/> properties where any differs, and leaves it alone otherwise.
    /// Returns the rows inserted or updated. With a <paramref name="schema"/>, the rows go to the entity's table in
    /// that attached database (an import's staging) instead of the gym's; <paramref name="withKeys"/> writes the keys
    /// the rows carry (a staged row's line in its file) rather than leaving them to the database.
    /// </summary>
    public static Task<int> UpsertManyAsync<T>(this GymDbContext db, IEnumerable<T> rows, OnConflict? onConflict, string? schema, bool withKeys, CancellationToken cancellationToken)
        where T : class =>
        db.UpsertManyAsync(rows, TableShape.Of<T>(db, withKeys), onConflict, schema, cancellationToken);

    private static async Task<int> UpsertManyAsync<T>(this GymDbContext db, IEnumerable<T> rows, TableShape shape, OnConflict? onConflict, string? schema, CancellationToken cancellationToken)
        where T : class
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");
        var tableName = schema is null ? shape.Name : $"{shape.Delimit(schema)}.{shape.Name}";
        if (db.Database.IsNpgsql())
        {
            return await PostgresBulkCopy.UpsertAsync(db, shape, tableName, rows, onConflict, cancellationToken);
        }

        var columns = shape.Columns;
        var insertInto = $"INSERT INTO {tableName} ({shape.ColumnList}) VALUES ";
        var suffix = onConflict?.ToSql(tableName, shape.Column, SqlComparison.Sqlite) ?? "";
        var rowsPerCommand = Math.Max(1, (schema is null ? MaxParameters : MaxStagingParameters) / columns.Count);

        var connection = (SqliteConnection)transaction.Connection!;
        var binder = shape.Binder<T>();
        var batch = new List<T>(rowsPerCommand);
        Statement<T>? full = null;
        var count = 0;
        try
        {
            foreach (var row in rows)
            {
                batch.Add(row);
                if (batch.Count == rowsPerCommand)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    full ??= Statement<T>.Prepare(connection, insertInto, suffix, binder, columns.Count, rowsPerCommand);
                    count += full.Execute(batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var rest = Statement<T>.Prepare(connection, insertInto, suffix, binder, columns.Count, batch.Count);
                count += rest.Execute(batch);
            }
        }
        finally
        {
            full?.Dispose();
        }

        return count;
    }

    internal sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        public object ProviderValue(object row)
        {
            var value = Getter.GetClrValueUsingContainingEntity(row);
            if (value is null)
            {
                return DBNull.Value;
            }

            if (Mapping.Converter is { } converter)
            {
                return converter.ConvertToProvider(value) ?? DBNull.Value;
            }

            return value is Enum ? Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), CultureInfo.InvariantCulture) : value;
        }
    }

    /// <summary>One prepared INSERT of a fixed number of rows, its values bound by position (<see cref="SqliteStatement"/>, <see cref="SqliteRowBinder"/>).</summary>
    private sealed class Statement<T>(SqliteStatement statement, SqliteRowBinder.Binder<T> binder, int columns) : IDisposable
    {
        public static Statement<T> Prepare(SqliteConnection connection, string insertInto, string suffix, SqliteRowBinder.Binder<T> binder, int columns, int rows)
        {
            var values = $"({string.Join(", ", Enumerable.Repeat("?", columns))})";
            var sql = insertInto + string.Join(", ", Enumerable.Repeat(values, rows)) + suffix;
            return new Statement<T>(SqliteStatement.Prepare(connection, sql), binder, columns);
        }

        public int Execute(List<T> rows)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                statement.Bind(binder, rows[r], r * columns);
            }

            return statement.Execute();
        }

        public void Dispose() => statement.Dispose();
    }
}

/// <summary>
/// An entity's table as SQL sees it: its delimited name, the columns a bulk insert writes (all but a store-generated
/// key, unless the rows carry keys reserved beforehand) and, for a property, its delimited column.
/// </summary>
internal sealed class TableShape
{
    private readonly IEntityType entityType;
    private readonly StoreObjectIdentifier table;
    private readonly ISqlGenerationHelper sql;

    private readonly bool withKeys;
    private readonly List<IProperty> properties;

    private TableShape(IEntityType entityType, ISqlGenerationHelper sql, bool withKeys)
    {
        this.entityType = entityType;
        this.sql = sql;
        this.withKeys = withKeys;
        table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        Name = sql.DelimitIdentifier(table.Name, table.Schema);
        properties = entityType.GetFlattenedProperties()
            .Where(p => withKeys || !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToList();
        Columns = properties.Select(p => new BulkInsert.Column(p.GetColumnName(table)!, p.GetRelationalTypeMapping(), p.GetGetter())).ToList();
        ColumnList = string.Join(", ", Columns.Select(c => sql.DelimitIdentifier(c.Name)));
    }

    public string Name { get; }

    public IReadOnlyList<BulkInsert.Column> Columns { get; }

    /// <summary>The written columns, delimited and comma-separated.</summary>
    public string ColumnList { get; }

    public static TableShape Of<T>(GymDbContext db, bool withKeys = false)
        where T : class =>
        new(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the model."),
            db.GetService<ISqlGenerationHelper>(), withKeys);

    /// <summary>The rows each of the table's foreign keys points to.</summary>
    public IReadOnlyList<ParentKey> ParentKeys => entityType.GetForeignKeys()
        .Select(fk => new ParentKey(
            [.. fk.Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))],
            sql.DelimitIdentifier(fk.PrincipalEntityType.GetTableName()!, fk.PrincipalEntityType.GetSchema()),
            [.. fk.PrincipalKey.Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(StoreObjectIdentifier.Table(fk.PrincipalEntityType.GetTableName()!, fk.PrincipalEntityType.GetSchema()))!))],
            fk.Properties.Any(p => p.IsNullable)))
        .ToList();

    /// <summary>Binds a row's <see cref="Columns"/> on SQLite, in their order.</summary>
    public SqliteRowBinder.Binder<T> Binder<T>() => SqliteRowBinder.For<T>(entityType, withKeys, properties);

    public string Column(string property) => sql.DelimitIdentifier(entityType.FindProperty(property)!.GetColumnName(table)!);

    public string Delimit(string identifier) => sql.DelimitIdentifier(identifier);
}

/// <summary>
/// A foreign key as SQL sees it: the delimited <paramref name="Columns"/> of the child row, the <paramref name="Parent"/>
/// table and its delimited <paramref name="ParentColumns"/>; with <paramref name="Optional"/>, a row whose columns hold a
/// null names no parent.
/// </summary>
internal sealed record ParentKey(string[] Columns, string Parent, string[] ParentColumns, bool Optional)
{
    /// <summary>A condition true when the row <paramref name="alias"/> names a stored parent or, optional, none.</summary>
    public string Exists(string alias)
    {
        var exists = $"EXISTS (SELECT 1 FROM {Parent} p WHERE {string.Join(" AND ", Columns.Zip(ParentColumns, (c, p) => $"p.{p} = {alias}.{c}"))})";
        return Optional ? $"({string.Join(" OR ", Columns.Select(c => $"{alias}.{c} IS NULL"))} OR {exists})" : exists;
    }
}

/// <summary>
/// What an insert does with a row whose <paramref name="Key"/> (properties of a unique index) is already stored: updates
/// the <paramref name="Compared"/> properties when any of them differs — and then also the <paramref name="Touched"/>
/// ones, such as an "updated at" — or, with none compared, skips the row. <paramref name="Set"/> adds assignments in
/// SQL of its own, given the delimited name of a property's column and how the provider compares values that may be null.
/// </summary>
internal sealed record OnConflict(string[] Key, string[] Compared, string[]? Touched = null, Func<Func<string, string>, SqlComparison, string>? Set = null)
{
    public string ToSql(string table, Func<string, string> column, SqlComparison compare)
    {
        var target = $" ON CONFLICT ({string.Join(", ", Key.Select(column))})";
        if (Compared.Length == 0)
        {
            return target + " DO NOTHING";
        }

        var assignments = Compared.Concat(Touched ?? []).Select(p => $"{column(p)} = excluded.{column(p)}");
        if (Set is not null)
        {
            assignments = assignments.Append(Set(column, compare));
        }

        var changed = string.Join(" OR ", Compared.Select(p => $"{table}.{column(p)} {compare.Differs} excluded.{column(p)}"));
        return $"{target} DO UPDATE SET {string.Join(", ", assignments)} WHERE {changed}";
    }
}

/// <summary>
/// How a provider says that two values, either of which may be null, are the same or differ: SQLite's <c>IS</c> and
/// <c>IS NOT</c>, PostgreSQL's <c>IS NOT DISTINCT FROM</c> and <c>IS DISTINCT FROM</c> (its <c>IS</c> takes only
/// <c>NULL</c>, <c>TRUE</c> or <c>FALSE</c>).
/// </summary>
internal sealed record SqlComparison(string Same, string Differs)
{
    public static SqlComparison Sqlite { get; } = new("IS", "IS NOT");

    public static SqlComparison Postgres { get; } = new("IS NOT DISTINCT FROM", "IS DISTINCT FROM");
}
