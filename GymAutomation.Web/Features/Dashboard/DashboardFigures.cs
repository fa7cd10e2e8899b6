using GymAutomation.Core.Dashboard;

namespace GymAutomation.Web.Features.Dashboard;

/// <summary>
/// The dashboard's figures as every reader on this instance shares them: the newest read is kept, and a page load
/// shows it instead of reading again while <see cref="DashboardChanges.IsLatest"/> says nothing has moved since. At
/// 100,000 clients a read is a few hundred milliseconds, most of a page load's wait; a quiet gym's managers reloading,
/// or opening the board in several tabs, need not each pay it.
/// </summary>
public sealed class DashboardFigures(DashboardKpis kpis, DashboardChanges changes)
{
    private DashboardSnapshot? latest;

    /// <summary>The kept figures when they are still the latest, otherwise a new read.</summary>
    public async Task<DashboardSnapshot> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var kept = Volatile.Read(ref latest);
        return kept is not null && changes.IsLatest(kept) ? kept : await ReadAsync(cancellationToken);
    }

    /// <summary>A new read, kept for the next reader unless a newer one was kept meanwhile.</summary>
    public async Task<DashboardSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        var read = await kpis.SnapshotAsync(cancellationToken);
        var seen = Volatile.Read(ref latest);
        while ((seen is null || seen.At < read.At) && Interlocked.CompareExchange(ref latest, read, seen) != seen)
        {
            seen = Volatile.Read(ref latest);
        }

        return read;
    }
}
