using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace GymAutomation.Core.Data;

/// <summary>
/// Moves a SQLite gym to PostgreSQL (<c>database copy --to "Host=…"</c>). The app must be stopped: a copy refuses
/// while the app holds <see cref="ServingLock"/>. The target is migrated (and refused when a gym is already in it),
/// then every table of the model is copied in one transaction, principals before dependants, with binary
/// <c>COPY</c> and the same primary keys, each table's own triggers off while it is written (what they keep — a
/// client's last visit, a member's kept usual gap — comes with the copy, and a trigger on the visits would otherwise
/// forget the usual gaps copied before them); each identity sequence then starts after the highest id copied. Last, both
/// sides are read again and compared table by table: the rows' count and a checksum over every column of every row
/// (<see cref="VerifyAsync"/>). The key ring's files (<see cref="KeyRingFolder"/>) go into the <c>DataProtectionKeys</c>
/// table in the same transaction, so sign-ins and the links in emails already sent keep working on PostgreSQL.
/// </summary>
public sealed class DatabaseCopy(IDbContextFactory<GymDbContext> dbFactory, KeyRingFolder? keyRing = null)
{
    /// <summary>On SQLite the key ring is files, not this table's rows: the table is filled from the folder, and compared with it.</summary>
    private const string KeyRingTable = nameof(GymDbContext.DataProtectionKeys);

    public async Task<DatabaseCopyReport> CopyAsync(string target, bool verifyOnly, CancellationToken cancellationToken = default)
    {
        await using var source = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!source.Database.IsSqlite())
        {
            return DatabaseCopyReport.Refused("The configured gym is not on SQLite (Database:Provider): there is nothing to copy from.");
        }

        var sourceName = source.Database.GetConnectionString()!;
        using var serving = ServingLock.FileOf(sourceName) is { } file ? ProcessWriteLock.TryOwn(file) : null;
        if (ServingLock.FileOf(sourceName) is not null && serving is null)
        {
            return DatabaseCopyReport.Refused(
                $"The app is serving this gym ({ServingLock.FileOf(sourceName)} is locked): stop it, copy, then start it on PostgreSQL.");
        }

        var keys = keyRing?.Read() ?? [];
        await using var copy = OpenTarget(target);
        if (copy is null)
        {
            return DatabaseCopyReport.Refused("--to is not a PostgreSQL connection string (\"Host=…;Database=…;Username=…;Password=…\").");
        }

        if (!verifyOnly)
        {
            await GymDatabase.MigrateAsync(dbFactory, cancellationToken);
            if (await HeldTableAsync(copy, cancellationToken) is { } held)
            {
                return DatabaseCopyReport.Refused(
                    $"The target already holds a gym (table \"{held}\" has rows): nothing was copied. Copy into an empty database.");
            }

            await copy.Database.MigrateAsync(cancellationToken);
            await CopyTablesAsync(source, copy, keys, cancellationToken);
        }

        return new DatabaseCopyReport(null, await VerifyAsync(source, copy, keys, cancellationToken));
    }

    /// <summary>
    /// Each table's rows and checksum on both sides, read the same way: every column, as the model reads it; the key
    /// ring's folder against its table last.
    /// </summary>
    private static async Task<IReadOnlyList<TableComparison>> VerifyAsync(GymDbContext source, GymDbContext target, IReadOnlyList<StoredKey> keys, CancellationToken cancellationToken)
    {
        var comparisons = new List<TableComparison>();
        foreach (var table in Tables(source))
        {
            var (sourceRows, sourceSum) = await SumAsync(source, table, cancellationToken);
            var (targetRows, targetSum) = await SumAsync(target, target.Model.GetRelationalModel().FindTable(table.Name, table.Schema)!, cancellationToken);
            comparisons.Add(new TableComparison(table.Name, sourceRows, targetRows, sourceSum, targetSum));
        }

        var copied = await target.DataProtectionKeys.AsNoTracking().Select(k => new StoredKey(k.FriendlyName ?? "", k.Xml ?? "")).ToListAsync(cancellationToken);
        var (folderRows, folderSum) = StoredKey.Sum(keys);
        var (tableRows, tableSum) = StoredKey.Sum(copied);
        comparisons.Add(new TableComparison(KeyRingTable, folderRows, tableRows, folderSum, tableSum));
        return comparisons;
    }

    private static PostgresGymDbContext? OpenTarget(string target)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(target);
            return builder.Host is null ? null : new PostgresGymDbContext(new DbContextOptionsBuilder<PostgresGymDbContext>().UseNpgsql(builder.ToString()).Options);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The first table of the model that exists on the target and has a row, or null.</summary>
    private static async Task<string?> HeldTableAsync(GymDbContext target, CancellationToken cancellationToken)
    {
        foreach (var table in Tables(target))
        {
            var exists = await target.Database.SqlQueryRaw<bool>("SELECT to_regclass({0}) IS NOT NULL AS \"Value\"", Delimited(table)).SingleAsync(cancellationToken);
            var any = $"SELECT EXISTS (SELECT 1 FROM {Delimited(table)}) AS \"Value\"";
            if (exists && await target.Database.SqlQueryRaw<bool>(any).SingleAsync(cancellationToken))
            {
                return table.Name;
            }
        }

        return null;
    }

    private static async Task CopyTablesAsync(GymDbContext source, GymDbContext target, IReadOnlyList<StoredKey> keys, CancellationToken cancellationToken)
    {
        await source.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)target.Database.GetDbConnection();
        foreach (var table in Tables(source))
        {
            var into = target.Model.GetRelationalModel().FindTable(table.Name, table.Schema)!;
            var columns = table.Columns.ToList();
            var outOf = columns.Select(c => into.FindColumn(c.Name)!).ToList();
            var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
            await using var read = source.Database.GetDbConnection().CreateCommand();
            read.CommandText = $"SELECT {list} FROM {Delimited(table)} ORDER BY {string.Join(", ", table.PrimaryKey!.Columns.Select(c => Quote(c.Name)))}";
            await using var rows = await read.ExecuteReaderAsync(cancellationToken);
            var (triggersOff, triggersOn) = ($"ALTER TABLE {Delimited(into)} DISABLE TRIGGER USER", $"ALTER TABLE {Delimited(into)} ENABLE TRIGGER USER");
            await target.Database.ExecuteSqlRawAsync(triggersOff, cancellationToken);
            await using (var writer = await connection.BeginBinaryImportAsync($"COPY {Delimited(into)} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                while (await rows.ReadAsync(cancellationToken))
                {
                    await writer.StartRowAsync(cancellationToken);
                    for (var i = 0; i < columns.Count; i++)
                    {
                        if (ToProvider(outOf[i], ModelValue(rows, i, columns[i])) is { } value)
                        {
                            await writer.WriteAsync(value, cancellationToken);
                        }
                        else
                        {
                            await writer.WriteNullAsync(cancellationToken);
                        }
                    }
                }

                await writer.CompleteAsync(cancellationToken);
            }

            await target.Database.ExecuteSqlRawAsync(triggersOn, cancellationToken);
        }

        target.DataProtectionKeys.AddRange(keys.Select(k => new DataProtectionKey { FriendlyName = k.FriendlyName, Xml = k.Xml }));
        await target.SaveChangesAsync(cancellationToken);
        await RestartIdentitiesAsync(target, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Each identity column's sequence continues after the highest id copied, as it would had the rows been added here.</summary>
    private static async Task RestartIdentitiesAsync(GymDbContext target, CancellationToken cancellationToken)
    {
        var identities = await target.Database.SqlQueryRaw<IdentityColumn>("""
            SELECT table_name AS "Table", column_name AS "Column" FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES'
            """).ToListAsync(cancellationToken);
        foreach (var identity in identities)
        {
            var restart = $"""
                SELECT setval(pg_get_serial_sequence({"{0}"}, {"{1}"}), coalesce((SELECT max({Quote(identity.Column)}) FROM {Quote(identity.Table)}), 0) + 1, false) AS "Value"
                """;
            await target.Database.SqlQueryRaw<long>(restart, Quote(identity.Table), identity.Column).ToListAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A table's rows and a checksum of them that does not depend on their order: the sum of each row's SHA-256 over
    /// its columns' values as the model holds them (times to the microsecond, PostgreSQL's precision; amounts without
    /// trailing zeros).
    /// </summary>
    private static async Task<(long Rows, string Checksum)> SumAsync(GymDbContext db, ITable table, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var columns = table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        await using var read = db.Database.GetDbConnection().CreateCommand();
        read.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Delimited(table)}";
        await using var rows = await read.ExecuteReaderAsync(cancellationToken);
        var sum = new RowSum();
        var text = new StringBuilder();
        while (await rows.ReadAsync(cancellationToken))
        {
            text.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                text.Append(Canonical(ModelValue(rows, i, columns[i]))).Append(RowSum.Separator);
            }

            sum.Add(text.ToString());
        }

        return sum.Result;
    }

    /// <summary>The model's tables, principals before the tables that refer to them (a table's reference to itself is served by copying in key order).</summary>
    private static List<ITable> Tables(GymDbContext db)
    {
        var left = db.Model.GetRelationalModel().Tables.Where(t => t.Name != KeyRingTable).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<ITable>();
        while (left.Count > 0)
        {
            var ready = left.First(t => t.ForeignKeyConstraints.All(f => f.PrincipalTable == t || ordered.Contains(f.PrincipalTable)));
            ordered.Add(ready);
            left.Remove(ready);
        }

        return ordered;
    }

    /// <summary>The column's value as the model holds it, read with the provider's own mapping.</summary>
    private static object? ModelValue(DbDataReader reader, int ordinal, IColumn column)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var mapping = column.PropertyMappings[0].TypeMapping;
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        object value = (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(string) => reader.GetString(ordinal),
            var t when t == typeof(int) => reader.GetInt32(ordinal),
            var t when t == typeof(long) => reader.GetInt64(ordinal),
            var t when t == typeof(short) => reader.GetInt16(ordinal),
            var t when t == typeof(bool) => reader.GetBoolean(ordinal),
            var t when t == typeof(decimal) => reader.GetDecimal(ordinal),
            var t when t == typeof(double) => reader.GetDouble(ordinal),
            var t when t == typeof(DateTime) => reader.GetDateTime(ordinal),
            var t when t == typeof(DateTimeOffset) => reader.GetFieldValue<DateTimeOffset>(ordinal),
            var t when t == typeof(DateOnly) => reader.GetFieldValue<DateOnly>(ordinal),
            var t when t == typeof(Guid) => reader.GetGuid(ordinal),
            var t when t == typeof(byte[]) => reader.GetFieldValue<byte[]>(ordinal),
            _ => reader.GetValue(ordinal),
        };
        return mapping.Converter is { } converter ? converter.ConvertFromProvider(value) : value;
    }

    private static object? ToProvider(IColumn column, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var provided = column.PropertyMappings[0].TypeMapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        return provided switch
        {
            DateTimeOffset at => at.ToUniversalTime(),
            Enum choice => Convert.ChangeType(choice, Enum.GetUnderlyingType(choice.GetType()), CultureInfo.InvariantCulture),
            _ => provided,
        };
    }

    private static string Canonical(object? value) => value switch
    {
        null => "\u2400",
        DateTime at => new DateTime(at.Ticks - (at.Ticks % 10)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset at => new DateTime(at.UtcTicks - (at.UtcTicks % 10)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        decimal amount => amount.ToString(CultureInfo.InvariantCulture) is var text && text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : amount.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Delimited(ITable table) => table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";

    private sealed record IdentityColumn(string Table, string Column);
}

/// <summary>One table after a copy: its rows and checksum on the SQLite side and on the PostgreSQL side.</summary>
public sealed record TableComparison(string Table, long SourceRows, long TargetRows, string SourceChecksum, string TargetChecksum)
{
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;
}

/// <summary>What a copy did: refused (and why, nothing written), or each table compared after it.</summary>
public sealed record DatabaseCopyReport(string? Refusal, IReadOnlyList<TableComparison> Tables)
{
    public bool Matches => Refusal is null && Tables.All(t => t.Matches);

    public static DatabaseCopyReport Refused(string why) => new(why, []);
}
