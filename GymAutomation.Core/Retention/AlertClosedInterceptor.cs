using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GymAutomation.Core.Retention;

/// <summary>
/// Adds <c>ALERT_CLOSED</c> to the save that resolves a retention alert, whoever resolves it (staff, a check-in, the
/// scan), with its outcome and whether that outcome saved or lost the member (<see cref="Result"/>), which an "alert
/// closed" workflow waits for. A dismissed alert closes as neither and records nothing.
/// </summary>
internal sealed class AlertClosedInterceptor(EventOutbox outbox, GymClock clock) : SaveChangesInterceptor
{
    /// <summary>Saved, lost or neither (<see cref="AlertOutcomes.Result"/>).</summary>
    public static string? Result(AlertOutcome? outcome) => AlertOutcomes.Result(outcome);

    /// <summary>The <c>ALERT_CLOSED</c> event of one alert; also for alerts resolved without change tracking (the scan's).</summary>
    public static ClientEvent Event(EventOutbox outbox, int clientId, AlertOutcome? outcome, DateTime closedAt, bool automatically)
    {
        var closed = outbox.New(ClientEventTypes.AlertClosed, closedAt, automatically ? EventSources.Job : EventSources.Desk,
            new { outcome = outcome?.ToString(), result = Result(outcome) }, idempotencyKey: null);
        closed.ClientId = clientId;
        return closed;
    }

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

        var resolved = db.ChangeTracker.Entries<RetentionAlert>()
            .Where(e => e.State == EntityState.Modified && e.Property(a => a.Status).IsModified
                && e.Property(a => a.Status).OriginalValue != AlertStatus.Resolved && e.Entity.Status == AlertStatus.Resolved)
            .Select(e => e.Entity)
            .ToList();
        foreach (var alert in resolved)
        {
            db.ClientEvents.Add(Event(outbox, alert.ClientId, alert.Outcome, alert.ClosedAt ?? clock.UtcNow, alert.ClosedAutomatically));
        }

        if (resolved.Count > 0)
        {
            // Added after the outbox's own interceptor looked: the commit must still wake the dispatcher.
            db.EventsAwaitingCommit = true;
        }
    }
}
