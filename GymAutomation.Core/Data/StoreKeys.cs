using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GymAutomation.Core.Data;

/// <summary>
/// Keys of rows not inserted yet, taken from the table's own key generator, so that what carries a row's key (a send's
/// tracking links) can be made before the row is written once (<see cref="BulkInsert.InsertManyWithKeysAsync"/>). On
/// PostgreSQL the keys come from the identity column's sequence and are never handed out twice. On SQLite, whose
/// <c>AUTOINCREMENT</c> keys are the highest ever used plus one (<c>sqlite_sequence</c>, which an explicit key moves on
/// as well), they follow the highest key ever used: the caller inserts them in the same write transaction, where no
/// other writer can take them meanwhile, and a key once used — even by a row since deleted — is never given again.
/// </summary>
internal static class StoreKeys
{
    public static async Task<List<long>> ReserveAsync<T>(GymDbContext db, int count, CancellationToken cancellationToken)
        where T : class
    {
        if (count == 0)
        {
            return [];
        }

        var entityType = db.Model.FindEntityType(typeof(T))!;
        var table = TableShape.Of<T>(db);
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Keys are reserved inside the transaction that inserts their rows.");
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        if (db.Database.IsNpgsql())
        {
            command.CommandText = "SELECT nextval(pg_get_serial_sequence(@table, @key)) FROM generate_series(1, @count)";
            Add(command, "@table", table.Name);
            Add(command, "@key", key.GetColumnName());
            Add(command, "@count", count);
            var keys = new List<long>(count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(reader.GetInt64(0));
            }

            return keys;
        }

        command.CommandText = $"""
            SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = @name), 0), coalesce((SELECT max({table.Column(key.Name)}) FROM {table.Name}), 0))
            """;
        Add(command, "@name", entityType.GetTableName()!);
        var highest = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return Enumerable.Range(1, count).Select(i => highest + i).ToList();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
