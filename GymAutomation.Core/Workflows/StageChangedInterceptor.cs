using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Adds <c>STAGE_CHANGED</c> <c>{ "stage": "HotLead" }</c> to the save that changes a client's stage, whichever
/// service made it (the desk, an edit, a scoring automation, an intake), for the "enters stage" trigger. A client's
/// first stage, on creation, is <c>LEAD_CREATED</c>'s business. Rows written with <see cref="BulkInsert"/> bypass it.
/// </summary>
internal sealed class StageChangedInterceptor(EventOutbox outbox, GymClock clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is not GymDbContext db)
        {
            return;
        }

        var changed = db.ChangeTracker.Entries<Client>()
            .Where(e => e.State == EntityState.Modified && e.Property(c => c.Stage).IsModified && e.Property(c => c.Stage).OriginalValue != e.Entity.Stage)
            .ToList();
        foreach (var entry in changed)
        {
            var at = entry.Property(c => c.UpdatedAt).IsModified ? entry.Entity.UpdatedAt : clock.UtcNow;
            outbox.Add(db, ClientEventTypes.StageChanged, entry.Entity.Id, at, EventSources.Desk, new { stage = entry.Entity.Stage.ToString() });
        }

        if (changed.Count > 0)
        {
            // Added after the outbox's own interceptor looked: the commit must still wake the dispatcher.
            db.EventsAwaitingCommit = true;
        }
    }
}
