using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace GymAutomation.Tests.Support;

/// <summary>Every row of every table, as text: two equal snapshots mean nothing was written in between.</summary>
public static class DatabaseSnapshot
{
    public static async Task<string> TakeAsync(string connectionString, params string[] exceptTables)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
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
            rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
