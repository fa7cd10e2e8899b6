using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Adds the events that workflows may start from to the save that makes the change, whichever service made it: a
/// <c>STAGE_CHANGED</c> when a client's stage changes (the desk, an edit, a scoring automation, an intake), an
/// <c>ALERT_CLOSED</c> when a retention alert is resolved (by staff, by a check-in, by the scan), with its outcome
/// and whether that outcome saved or lost the member (<see cref="WorkflowTriggers.AlertResult"/>). Rows written with
/// <see cref="BulkInsert"/> bypass it.
/// </summary>
internal sealed class TriggerEventsInterceptor(EventOutbox outbox, GymClock clock) : SaveChangesInterceptor
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

        var added = RecordStages(db) + RecordClosedAlerts(db);
        if (added > 0)
        {
            // Added after the outbox's own interceptor looked: the commit must still wake the dispatcher.
            db.EventsAwaitingCommit = true;
        }
    }

    private int RecordStages(GymDbContext db)
    {
        var changed = db.ChangeTracker.Entries<Client>()
            .Where(e => e.State == EntityState.Modified && Changed(e.Property(c => c.Stage)))
            .ToList();
        foreach (var entry in changed)
        {
            var at = entry.Property(c => c.UpdatedAt).IsModified ? entry.Entity.UpdatedAt : clock.UtcNow;
            outbox.Add(db, ClientEventTypes.StageChanged, entry.Entity.Id, at, EventSources.Desk, new { stage = entry.Entity.Stage.ToString() });
        }

        return changed.Count;
    }

    private int RecordClosedAlerts(GymDbContext db)
    {
        var resolved = db.ChangeTracker.Entries<RetentionAlert>()
            .Where(e => e.State == EntityState.Modified && Changed(e.Property(a => a.Status)) && e.Entity.Status == AlertStatus.Resolved)
            .ToList();
        foreach (var entry in resolved)
        {
            var alert = entry.Entity;
            outbox.Add(db, ClientEventTypes.AlertClosed, alert.ClientId, alert.ClosedAt ?? clock.UtcNow,
                alert.ClosedAutomatically ? EventSources.Job : EventSources.Desk,
                new { outcome = alert.Outcome?.ToString(), result = WorkflowTriggers.AlertResult(alert.Outcome) });
        }

        return resolved.Count;
    }

    private static bool Changed<TEntity, TProperty>(PropertyEntry<TEntity, TProperty> property)
        where TEntity : class =>
        property.IsModified && !EqualityComparer<TProperty>.Default.Equals(property.OriginalValue, property.CurrentValue);
}
