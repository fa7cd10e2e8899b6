using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GymAutomation.Tests.Support;

/// <summary>
/// Every row of every table, as text: two equal snapshots mean nothing was written in between. On PostgreSQL (a
/// connection string with a <c>Host</c>), the tables of the <c>public</c> schema, each table's rows sorted as text:
/// it has no rowid to read them in.
/// </summary>
public static class DatabaseSnapshot
{
    public static async Task<string> TakeAsync(string connectionString, params string[] exceptTables)
    {
        var postgres = connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = postgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\""
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables.Except(exceptTables))
        {
            text.Append("# ").AppendLine(table);
            await using var rows = connection.CreateCommand();
            rows.CommandText = postgres ? $"SELECT * FROM \"{table}\"" : $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await rows.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                var line = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    line.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }

                lines.Add(line.ToString());
            }

            foreach (var line in postgres ? [.. lines.Order(StringComparer.Ordinal)] : lines)
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }
}
