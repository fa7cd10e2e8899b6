using System.Data.Common;

namespace GymAutomation.Core.Data;

/// <summary>
/// The current row of a query read without EF's materializer (<see cref="RawQuery"/>), its values as EF Core stores
/// them: times in UTC, as the model reads them back.
/// </summary>
internal interface IStoredRow
{
    bool IsNull(int column);

    int Int32(int column);

    long Int64(int column);

    double Double(int column);

    bool Boolean(int column);

    string String(int column);

    DateTime Time(int column);

    DateOnly Day(int column);
}

/// <summary>A row of a data reader, on PostgreSQL, whose times and dates are typed.</summary>
internal sealed class ReaderRow(DbDataReader reader) : IStoredRow
{
    public bool IsNull(int column) => reader.IsDBNull(column);

    public int Int32(int column) => reader.GetInt32(column);

    public long Int64(int column) => reader.GetInt64(column);

    public double Double(int column) => reader.GetDouble(column);

    public bool Boolean(int column) => reader.GetBoolean(column);

    public string String(int column) => reader.GetString(column);

    public DateTime Time(int column) => DateTime.SpecifyKind(reader.GetDateTime(column), DateTimeKind.Utc);

    public DateOnly Day(int column) => reader.GetFieldValue<DateOnly>(column);
}
