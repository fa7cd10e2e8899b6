using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Web.Features.Dashboard;

/// <summary>
/// When the last change that moves the dashboard's figures reached this instance. The page reads its figures while
/// prerendering and hands them to its live circuit; the circuit keeps them only if they are still current: nothing
/// that moves them arrived since that read started, and they are not older than <see cref="MaxAge"/>. A change is
/// published after it is committed, so one the read could not see arrives after the read started. It also tells
/// whether figures read on this instance may still be shared by every reader (<see cref="IsLatest"/>).
/// </summary>
public sealed class DashboardChanges : IDisposable
{
    /// <summary>The oldest prerendered figures a circuit keeps (a page left open before its circuit started, a resumed circuit).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>How far apart two instances' clocks may be: the prerender may read on one and the circuit start on another.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(2);

    private readonly GymClock clock;
    private readonly IDisposable subscription;
    private readonly DateTime watchingSince;
    private long lastChangeTicks = DateTime.MinValue.Ticks;
    private long lastActivityTicks = DateTime.MinValue.Ticks;

    public DashboardChanges(LiveFeed feed, GymClock clock)
    {
        this.clock = clock;
        watchingSince = clock.UtcNow;
        subscription = feed.Subscribe(OnPublished);
    }

    /// <summary>Whether a change moves one of the dashboard's figures or charts.</summary>
    public static bool Moves(LiveChange change) =>
        change is ScoreChanged or ScoresRecalculated or AutomationFired or AlertChanged or AlertsScanned or EmailsSent or HistoryImported;

    /// <summary>Whether <paramref name="snapshot"/> shows what the database holds now, as far as this instance knows.</summary>
    public bool IsCurrent(DashboardSnapshot snapshot) =>
        watchingSince <= snapshot.At
        && clock.UtcNow - snapshot.At <= MaxAge
        && new DateTime(Interlocked.Read(ref lastChangeTicks), DateTimeKind.Utc) < snapshot.At - ClockSkew;

    /// <summary>
    /// Whether <paramref name="snapshot"/>, read on this instance, may be shown to the next reader instead of a new
    /// read: nothing that moves a figure and no client's activity (a visit, a membership, a booking: what moves the
    /// members' figures but not the live cards) arrived since the read started, it is not older than
    /// <see cref="MaxAge"/>, and it was read on the gym's current day. Both the read and the arrival are on this
    /// instance's clock, so no room for another's is needed.
    /// </summary>
    public bool IsLatest(DashboardSnapshot snapshot) =>
        watchingSince <= snapshot.At
        && clock.UtcNow - snapshot.At <= MaxAge
        && DateOnly.FromDateTime(clock.ToLocal(snapshot.At)) == clock.Today
        && new DateTime(Interlocked.Read(ref lastActivityTicks), DateTimeKind.Utc) < snapshot.At;

    public void Dispose() => subscription.Dispose();

    private void OnPublished(IReadOnlyList<LiveChange> changes)
    {
        var moves = changes.Any(Moves);
        if (moves)
        {
            Interlocked.Exchange(ref lastChangeTicks, clock.UtcNow.Ticks);
        }

        if (moves || changes.Any(c => c is ClientActivity))
        {
            Interlocked.Exchange(ref lastActivityTicks, clock.UtcNow.Ticks);
        }
    }
}
