using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Data;

public static class TransactionLocks
{
    /// <summary>
    /// Makes the writers that name the same <paramref name="key"/> take turns until the current transaction ends, so
    /// that a read-then-insert (is there a client with this email?) cannot run twice at once. On SQLite the write
    /// gate already lets one write transaction in at a time; on PostgreSQL it is an advisory lock of the transaction.
    /// </summary>
    public static async Task LockAsync(this GymDbContext db, string key, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        }
    }
}
