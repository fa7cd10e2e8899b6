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
}
