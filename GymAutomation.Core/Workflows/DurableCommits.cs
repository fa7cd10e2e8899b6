using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Makes the context's commits survive a power cut while it is held. The app runs SQLite with
/// <c>synchronous=NORMAL</c> (see <c>SqlitePragmas</c>), under which a power cut may lose the last commits; for a
/// send, losing the commit that says "attempt started" would turn a delivered email back into a claim that the next
/// run sends again — a duplicate. So the sending connection syncs every commit (<c>synchronous=FULL</c>: one fsync of
/// the WAL per commit, which the one-commit-per-email rhythm of sending affords) and is set back to NORMAL before it
/// returns to the pool, where every other writer keeps its speed.
/// </summary>
internal sealed class DurableCommits : IAsyncDisposable
{
    private readonly GymDbContext db;

    private DurableCommits(GymDbContext db) => this.db = db;

    /// <summary>On PostgreSQL every commit is already synced (<c>synchronous_commit</c> is on by default): nothing to change.</summary>
    public static async Task<IAsyncDisposable?> OpenAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL", cancellationToken);
        return new DurableCommits(db);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
