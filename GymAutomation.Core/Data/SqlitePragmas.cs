using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GymAutomation.Core.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, <c>synchronous=NORMAL</c> syncs at checkpoints instead of at every
/// commit: a crash of the process loses nothing, a power cut may lose the last commits but never corrupts the file —
/// and every small write (a check-in, an API event) stops waiting for the disk. Checkpoints are the
/// <see cref="SqliteCheckpointer"/>'s, so no commit waits for one unless the log outgrows it. The settings belong to
/// the native connection, which the pool hands out again and again, so each one is set up once rather than at every
/// open. A writer that finds the file locked waits inside SQLite for the connection string's <c>Default Timeout</c>
/// (30 s unless set).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas(connection);
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas(connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Pragmas(DbConnection connection) =>
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint={SqliteCheckpointer.FallbackPages}; PRAGMA busy_timeout={(connection as SqliteConnection)?.DefaultTimeout ?? 30}000;");

    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || configured.TryAdd(handle, this);
}
