using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GymAutomation.Core.Data;

/// <summary>
/// A statement prepared on a SQLite connection's own handle, inside whatever transaction the connection is in, its
/// values bound by position through SQLite's own API (<see cref="SqliteValues"/>). Through ADO.NET each value is bound
/// by its name, which SQLite looks up by comparing it with the statement's names one after the other: with 100
/// parameters, that search (<c>strncmp</c>) was the biggest single cost of an import's staging. Parameters are numbered
/// from 1 in the order they first appear in the SQL, whatever they are named.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 connection;
    private readonly sqlite3_stmt statement;

    private SqliteStatement(sqlite3 connection, sqlite3_stmt statement)
    {
        this.connection = connection;
        this.statement = statement;
    }

    public static SqliteStatement Prepare(SqliteConnection connection, string sql)
    {
        var (handle, statement) = PrepareOnHandle(connection, sql);
        return new SqliteStatement(handle, statement);
    }

    /// <summary>Prepares <paramref name="sql"/> on the open <paramref name="connection"/>'s own handle, throwing what Microsoft.Data.Sqlite throws when it cannot.</summary>
    internal static (sqlite3 Handle, sqlite3_stmt Statement) PrepareOnHandle(SqliteConnection connection, string sql)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("A statement is prepared on an open connection.");
        var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
        if (rc != raw.SQLITE_OK || statement is null)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, handle);
            throw new InvalidOperationException("SQLite prepared no statement of: " + sql);
        }

        return (handle, statement);
    }

    /// <summary>Binds a provider value (see <see cref="SqliteValues"/>) to the parameter numbered <paramref name="index"/>, from 1.</summary>
    public void Bind(int index, object value) => SqliteValues.Bind(connection, statement, index, value);

    /// <summary>Binds <paramref name="row"/>'s columns to the parameters after <paramref name="offset"/>.</summary>
    public void Bind<T>(SqliteRowBinder.Binder<T> binder, T row, int offset) => binder(row, connection, statement, offset);

    /// <summary>Runs the statement with the values bound, then readies it for the next; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, connection);
            }

            return raw.sqlite3_changes(connection);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose() => statement.Dispose();
}
