using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GymAutomation.Core.Data;

/// <summary>
/// A query of many rows read into small values, skipping EF's materializer: its SQL takes values as <c>{0}</c>,
/// <c>{1}</c>… as <c>SqlQueryRaw</c> does, and runs on the context's connection, in its transaction when it has one.
/// On SQLite the rows are read on the connection's own handle (<see cref="SqliteRows"/>), elsewhere through a plain
/// data reader (<see cref="ReaderRow"/>).
/// </summary>
internal static partial class RawQuery
{
    public static async Task<List<T>> ListAsync<T>(GymDbContext db, string sql, IReadOnlyList<object> values, Func<IStoredRow, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await ForEachAsync(db, sql, values, row => rows.Add(read(row)), cancellationToken);
        return rows;
    }

    /// <summary>Hands each row to <paramref name="take"/> as it is read, holding none: for reads too long to keep whole.</summary>
    public static async Task ForEachAsync(GymDbContext db, string sql, IReadOnlyList<object> values, Action<IStoredRow> take, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                using var query = SqliteRows.Query(sqlite, Placeholder().Replace(sql, m => $"?{int.Parse(m.Groups[1].ValueSpan, provider: null) + 1}"), values);
                while (query.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    take(query);
                }

                return;
            }

            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = Placeholder().Replace(sql, "@p$1");
            for (var i = 0; i < values.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"p{i}";
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var row = new ReaderRow(reader);
            while (await reader.ReadAsync(cancellationToken))
            {
                take(row);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
