using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GymAutomation.Core.Data;

/// <summary>
/// A query of many rows read through a plain data reader into small values, skipping EF's materializer: its SQL takes
/// values as <c>{0}</c>, <c>{1}</c>… as <c>SqlQueryRaw</c> does, and runs on the context's connection, in its
/// transaction when it has one. Times and dates are read with <see cref="StoredTimes"/>.
/// </summary>
internal static partial class RawQuery
{
    public static async Task<List<T>> ListAsync<T>(GymDbContext db, string sql, IReadOnlyList<object> values, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
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

            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
