using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Diagnostics;

public sealed record ParkedEvent(long Id, string Type, int ClientId, string ClientName, DateTime OccurredAt, int Attempts, string? LastError, string? Source);

/// <summary>Events that kept failing, for an admin to read and send back to the engines.</summary>
public sealed class ParkedEvents(IDbContextFactory<GymDbContext> dbFactory, EventSignal signal)
{
    public async Task<IReadOnlyList<ParkedEvent>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ClientEvents.AsNoTracking()
            .Where(e => e.Status == EventStatus.Parked)
            .Join(db.Clients, e => e.ClientId, c => c.Id, (e, c) => new { Event = e, Client = c })
            .OrderByDescending(x => x.Event.Id)
            .Select(x => new ParkedEvent(x.Event.Id, x.Event.Type, x.Event.ClientId, x.Client.FirstName + " " + (x.Client.LastName ?? ""),
                x.Event.OccurredAt, x.Event.Attempts, x.Event.LastError, x.Event.Source))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ClientEvents.CountAsync(e => e.Status == EventStatus.Parked, cancellationToken);
    }

    /// <summary>Sends parked events back to the dispatcher with a fresh set of attempts; returns how many.</summary>
    public async Task<int> RetryAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retried = await db.ClientEvents
            .Where(e => ids.Contains(e.Id) && e.Status == EventStatus.Parked)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, EventStatus.Pending)
                .SetProperty(e => e.Attempts, 0)
                .SetProperty(e => e.NextAttemptAt, (DateTime?)null), cancellationToken);
        if (retried > 0)
        {
            signal.Raise();
        }

        return retried;
    }
}
