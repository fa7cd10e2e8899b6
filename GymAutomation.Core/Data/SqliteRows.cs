using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GymAutomation.Core.Data;

/// <summary>
/// A query's rows read on a SQLite connection's own handle, inside whatever transaction the connection is in, its
/// values bound by position (<see cref="SqliteValues"/>). Through ADO.NET each value read goes through the data
/// reader's checks and each text becomes a string; here a time is read from SQLite's own UTF-8 text. A full score
/// replay reads about 900,000 rows: through the data reader that was most of its time.
/// </summary>
internal sealed class SqliteRows : IStoredRow, IDisposable
{
    private readonly sqlite3 connection;
    private readonly sqlite3_stmt statement;

    private SqliteRows(sqlite3 connection, sqlite3_stmt statement)
    {
        this.connection = connection;
        this.statement = statement;
    }

    /// <summary>Prepares <paramref name="sql"/>, whose parameters are <c>?1</c>, <c>?2</c>…, with <paramref name="values"/> bound to them in order.</summary>
    public static SqliteRows Query(SqliteConnection connection, string sql, IReadOnlyList<object> values)
    {
        var (handle, statement) = SqliteStatement.PrepareOnHandle(connection, sql);
        var rows = new SqliteRows(handle, statement);
        try
        {
            for (var i = 0; i < values.Count; i++)
            {
                SqliteValues.Bind(handle, statement, i + 1, values[i]);
            }

            return rows;
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, connection);
        }

        return false;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public int Int32(int column) => raw.sqlite3_column_int(statement, column);

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public double Double(int column) => raw.sqlite3_column_double(statement, column);

    public bool Boolean(int column) => raw.sqlite3_column_int64(statement, column) != 0;

    public string String(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string();

    public DateTime Time(int column) => StoredTimes.Time(raw.sqlite3_column_blob(statement, column));

    public DateOnly Day(int column) => StoredTimes.Day(raw.sqlite3_column_blob(statement, column));

    public void Dispose() => statement.Dispose();
}
