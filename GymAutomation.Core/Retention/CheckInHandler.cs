using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>
/// A check-in resolves the member's open <c>NO_ATTENDANCE</c> and <c>NO_FIRST_VISIT</c> alerts at once — the board
/// shows them resolved while the member is still at the desk, not the next morning. One read per batch.
/// </summary>
internal sealed class CheckInHandler : IClientEventHandler
{
    /// <summary>Last: closes the alerts a check-in answers; it reads nothing the other handlers write.</summary>
    public int Order => 300;

    public async Task HandleAsync(IReadOnlyList<ClientEvent> events, EventContext context, CancellationToken cancellationToken)
    {
        // A visit dated later than now (a clock running fast) has not happened yet: the scan resolves the alert once it has.
        var visits = events.Where(e => e.Type == ClientEventTypes.VisitRegistered && e.OccurredAt <= context.Now).ToList();
        if (visits.Count == 0)
        {
            return;
        }

        var clientIds = visits.Select(e => e.ClientId).Distinct().ToList();
        var alerts = await context.Db.RetentionAlerts
            .Where(a => clientIds.Contains(a.ClientId)
                && (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress)
                && (a.Type == AlertType.NoAttendance || a.Type == AlertType.NoFirstVisit))
            .ToListAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            var lastVisit = visits.Where(e => e.ClientId == alert.ClientId).Max(e => e.OccurredAt);
            if (alert.Type == AlertType.NoAttendance && lastVisit <= alert.Facts.LastVisitAt)
            {
                continue;
            }

            AlertClosing.ResolveAutomatically(alert, AlertOutcome.Returned, context.Now);
            context.Publish(new AlertChanged(context.Now, alert.Id, alert.ClientId, alert.Status, alert.Version, null));
        }
    }
}
