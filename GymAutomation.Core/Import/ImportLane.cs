using System.Data;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Import;

/// <summary>
/// One of an import's connections, with a staging of its own that it holds (<see cref="ImportStaging.TryOwnAsync"/>):
/// on SQLite a staging file is written by one connection at a time, so a file staged on one lane while another lane
/// publishes from its own staging waits for nobody. <see cref="Published"/> is the publish of the last file staged on
/// it, which its next file waits for.
/// </summary>
internal sealed class ImportLane : IAsyncDisposable
{
    private IAsyncDisposable? owner;
    private bool attached;

    private ImportLane(GymDbContext db, string staging)
    {
        Db = db;
        Staging = staging;
    }

    public GymDbContext Db { get; }

    public string Staging { get; }

    public Task Published { get; set; } = Task.CompletedTask;

    public static async Task<ImportLane> OpenAsync(IDbContextFactory<GymDbContext> dbFactory, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var store = ImportStaging.Of(db);
        var lane = new ImportLane(db, store.New(db));
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            lane.owner = await store.TryOwnAsync(db, lane.Staging, cancellationToken);
            await store.OpenAsync(db, lane.Staging, cancellationToken);
            lane.attached = true;
            return lane;
        }
        catch
        {
            await lane.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes the staging unless a publish a crash or a failure left unfinished still needs it, and gives the connection back.</summary>
    public async ValueTask DisposeAsync()
    {
        var store = ImportStaging.Of(Db);
        try
        {
            if (attached)
            {
                await store.CloseAsync(Db);
            }

            if (Db.Database.GetDbConnection().State == ConnectionState.Open)
            {
                await ImportPublisher.DeleteStagingIfDoneAsync(Db, Staging);
            }
        }
        finally
        {
            if (owner is not null)
            {
                await owner.DisposeAsync();
            }

            // Closed through EF, so that the write gate sees it close.
            await Db.Database.CloseConnectionAsync();
            await Db.DisposeAsync();
        }
    }
}
