using System.Globalization;
using GymAutomation.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace GymAutomation.Tests.Data;

public sealed class SqliteValuesTests
{
    private const string StoredSql = "typeof(?1) || ':' || quote(?1) || ':' || hex(?1)";

    private static readonly Dictionary<Type, object[]> Samples = new()
    {
        [typeof(string)] = ["", "Ana", "Ñandú — \"2,5×\" 😀", "a\0b", new string('x', 600) + "é"],
        [typeof(int)] = [0, -7, int.MaxValue, int.MinValue],
        [typeof(long)] = [0L, long.MinValue, 1L << 40],
        [typeof(bool)] = [true, false],
        [typeof(decimal)] =
        [
            0m, 59.90m, -0.5m, 1_234_567.0000001m, decimal.MaxValue, decimal.MinValue, 1m / 3m, 0.0000000000000000000000000001m,
            0.000m, decimal.Negate(0m), -0.00m, 100m, 100.00m, 49.9m, -12.500m, 10.05m,
        ],
        [typeof(double)] = [0d, 2.5, -1e-300, 1 / 3.0, double.MaxValue],
        [typeof(DateTime)] =
        [
            new DateTime(2026, 3, 1, 17, 5, 9, 123, DateTimeKind.Utc), new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1), DateTime.MinValue, DateTime.MaxValue,
            new DateTime(987, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1_000_000), new DateTime(2026, 3, 1, 8, 0, 5, DateTimeKind.Utc).AddTicks(10_203),
            new DateTime(2026, 11, 30, 9, 7, 0, DateTimeKind.Local).AddTicks(9_000_000),
        ],
        [typeof(DateTimeOffset)] =
        [
            new DateTimeOffset(2026, 3, 1, 17, 5, 9, 123, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 17, 5, 9, TimeSpan.FromHours(-5.5)),
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue,
        ],
        [typeof(TimeOnly)] = [new TimeOnly(9, 30), TimeOnly.MinValue, TimeOnly.MaxValue, new TimeOnly(12, 0, 0, 500)],
        [typeof(DateOnly)] = [new DateOnly(2026, 3, 1), DateOnly.MinValue, DateOnly.MaxValue],
    };

    /// <summary>
    /// Values are bound by position: a bulk insert's rows through code compiled for their table (<see cref="SqliteRowBinder"/>),
    /// a ledger update's values one by one (<see cref="SqliteValues"/>). From the model's value, each column must be stored
    /// both ways as a named parameter of the column's type mapping would store it.
    /// </summary>
    [Fact]
    public void Every_column_of_the_model_is_stored_bound_by_position_and_by_the_row_binder_as_bound_by_name()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var db = new GymDbContext(new DbContextOptionsBuilder<GymDbContext>().UseSqlite(connection).Options);
        var properties = db.Model.GetEntityTypes().SelectMany(e => e.GetFlattenedProperties()).ToList();
        var compared = 0;
        foreach (var property in properties)
        {
            var mapping = property.GetRelationalTypeMapping();
            var bind = SqliteRowBinder.ForValue(property);
            foreach (var value in ModelSamples(property))
            {
                var provider = ProviderValue(property, mapping, value);
                var byName = ByName(connection, mapping, provider, property.IsNullable);
                var byPosition = Stored(connection, (handle, statement) => SqliteValues.Bind(handle, statement, 1, provider));
                var byBinder = Stored(connection, (handle, statement) => bind.DynamicInvoke(value, handle, statement, 1));
                var column = $"{property.DeclaringType.DisplayName()}.{property.Name}";
                Assert.True(byName == byPosition, $"{column}: by name {byName}, by position {byPosition}");
                Assert.True(byName == byBinder, $"{column}: by name {byName}, by the row binder {byBinder}");
                compared++;
            }
        }

        Assert.True(compared > properties.Count);
    }

    private static IEnumerable<object?> ModelSamples(IProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        var values = type.IsEnum ? Enum.GetValues(type).Cast<object>().ToArray()
            : Samples.TryGetValue(type, out var samples) ? samples
            : throw new InvalidOperationException($"No samples of {type} ({property.DeclaringType.DisplayName()}.{property.Name}): add some.");
        return property.IsNullable ? values.Append(null) : values;
    }

    private static object ProviderValue(IProperty property, Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping mapping, object? value) =>
        value is null ? DBNull.Value
        : mapping.Converter is { } converter ? converter.ConvertToProvider(value) ?? DBNull.Value
        : value is Enum ? Convert.ChangeType(value, Enum.GetUnderlyingType(Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType), CultureInfo.InvariantCulture)
        : value;

    private static string ByName(SqliteConnection connection, Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping mapping, object value, bool nullable)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + StoredSql.Replace("?1", "@p", StringComparison.Ordinal);
        // As a bulk insert bound it before: the parameter configured by the mapping, the value already the provider's.
        var parameter = mapping.CreateParameter(command, "@p", null, nullable);
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return (string)command.ExecuteScalar()!;
    }

    private static string Stored(SqliteConnection connection, Action<sqlite3, sqlite3_stmt> bind)
    {
        var handle = connection.Handle!;
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(handle, "SELECT " + StoredSql, out var statement));
        using (statement)
        {
            bind(handle, statement);
            Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));
            return raw.sqlite3_column_text(statement, 0).utf8_to_string();
        }
    }
}
