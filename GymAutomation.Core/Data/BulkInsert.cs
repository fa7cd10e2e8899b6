using System.Data.Common;
using System.Globalization;
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
/// read back.
/// </summary>
internal static class BulkInsert
{
    /// <summary>
    /// Parameters a statement. Binding looks each name up in the statement's list of names, so a statement's cost
    /// grows with the square of its parameters: at 999, inserting 20,000 alerts took 2 s; at 100–200, 0.5 s.
    /// </summary>
    private const int MaxParameters = 100;

    public static async Task<int> InsertManyAsync<T>(this GymDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the model.");
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetFlattenedProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => new Column(p.GetColumnName(table)!, p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable))
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var insertInto = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var rowsPerCommand = Math.Max(1, MaxParameters / columns.Count);

        var batch = new List<T>(rowsPerCommand);
        Statement? full = null;
        var count = 0;
        try
        {
            foreach (var row in rows)
            {
                batch.Add(row);
                if (batch.Count == rowsPerCommand)
                {
                    full ??= await Statement.PrepareAsync(transaction, insertInto, columns, rowsPerCommand, cancellationToken);
                    count += await full.ExecuteAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await using var rest = await Statement.PrepareAsync(transaction, insertInto, columns, batch.Count, cancellationToken);
                count += await rest.ExecuteAsync(batch, cancellationToken);
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        return count;
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable)
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

    /// <summary>One prepared INSERT of a fixed number of rows, its parameters configured by EF's type mappings.</summary>
    private sealed class Statement(DbCommand command, IReadOnlyList<Column> columns, DbParameter[] parameters) : IAsyncDisposable
    {
        public static async Task<Statement> PrepareAsync(DbTransaction transaction, string insertInto, IReadOnlyList<Column> columns, int rows, CancellationToken cancellationToken)
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = insertInto + string.Join(", ",
                Enumerable.Range(0, rows).Select(r => $"({string.Join(", ", columns.Select((_, c) => $"@p{(r * columns.Count) + c}"))})"));
            var parameters = Enumerable.Range(0, rows * columns.Count)
                .Select(i => columns[i % columns.Count].Mapping.CreateParameter(command, $"@p{i}", null, columns[i % columns.Count].Nullable))
                .ToArray();
            command.Parameters.AddRange(parameters);
            await command.PrepareAsync(cancellationToken);
            return new Statement(command, columns, parameters);
        }

        public async Task<int> ExecuteAsync<T>(List<T> rows, CancellationToken cancellationToken)
            where T : class
        {
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    parameters[(r * columns.Count) + c].Value = columns[c].ProviderValue(rows[r]);
                }
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
