using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>How an alert resolves by itself: when its condition cleared, or a check-in brought the member back.</summary>
internal static class AlertClosing
{
    public static void ResolveAutomatically(RetentionAlert alert, AlertOutcome outcome, DateTime now)
    {
        alert.Status = AlertStatus.Resolved;
        alert.Outcome = outcome;
        alert.ClosedAutomatically = true;
        alert.ClosedAt = now;
        alert.ClosedById = null;
        alert.UpdatedAt = now;
        alert.Version++;
        alert.Activity.Add(new AlertActivity { At = now, Kind = AlertActivityKind.Resolved, Outcome = outcome });
    }

    /// <summary>
    /// <see cref="ResolveAutomatically"/> for many alerts at once, set-based, in the caller's transaction: an update per
    /// outcome, then their history lines and <c>ALERT_CLOSED</c> events inserted in bulk — a few statements, not three
    /// per alert. Throws <see cref="DbUpdateConcurrencyException"/> when one of them was closed meanwhile.
    /// </summary>
    public static async Task ResolveAutomaticallyAsync(
        GymDbContext db, EventOutbox outbox, IReadOnlyList<(OpenAlert Alert, AlertOutcome Outcome)> resolutions, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var byOutcome in resolutions.GroupBy(r => r.Outcome))
        {
            var (ids, outcome) = (byOutcome.Select(r => r.Alert.Id).ToList(), (AlertOutcome?)byOutcome.Key);
            var resolved = await db.RetentionAlerts
                .Where(a => ids.Contains(a.Id) && (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(a => a.Status, AlertStatus.Resolved)
                    .SetProperty(a => a.Outcome, outcome)
                    .SetProperty(a => a.ClosedAutomatically, true)
                    .SetProperty(a => a.ClosedAt, now)
                    .SetProperty(a => a.ClosedById, (string?)null)
                    .SetProperty(a => a.UpdatedAt, now)
                    .SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
            if (resolved != ids.Count)
            {
                throw new DbUpdateConcurrencyException($"{ids.Count - resolved} of the alerts to resolve were closed meanwhile.");
            }
        }

        await db.InsertManyAsync(resolutions.Select(r => new AlertActivity { AlertId = r.Alert.Id, At = now, Kind = AlertActivityKind.Resolved, Outcome = r.Outcome }), cancellationToken);
        await db.InsertManyAsync(resolutions.Select(r => AlertClosedInterceptor.Event(outbox, r.Alert.ClientId, r.Outcome, now, automatically: true)), cancellationToken);
        if (resolutions.Count > 0)
        {
            // Inserted past change tracking: the commit must still wake the dispatcher.
            db.EventsAwaitingCommit = true;
        }
    }
}
