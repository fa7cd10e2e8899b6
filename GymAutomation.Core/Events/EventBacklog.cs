using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Events;

/// <summary>
/// Backpressure for the API: a request that adds an event waits while more than <see cref="EventsOptions.MaxBacklog"/>
/// events the API took are waiting for a dispatcher. Without it, on PostgreSQL the API accepts events faster than the
/// dispatchers hand them to the engines, and the time from an event to the screens is the queue's length (on SQLite
/// the write gate already makes writers take turns with the dispatcher). Only the API's own events count: a job that
/// records thousands at once (inactive leads) must not hold up a kiosk's check-ins. The backlog is counted in the
/// database, where every instance's events wait, at most every <see cref="Recount"/>: one count for all the requests
/// waiting meanwhile. A request waits at most <see cref="EventsOptions.MaxBacklogWaitSeconds"/>, then goes on:
/// nothing is refused.
/// </summary>
public sealed class EventBacklog(IDbContextFactory<GymDbContext> dbFactory, IOptions<EventsOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Recount = TimeSpan.FromMilliseconds(50);

    private readonly Lock sync = new();
    private Task<int>? count;
    private long countedAt;

    /// <summary>Returns once the backlog is below the limit, or after the longest wait.</summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBacklog;
        if (limit == 0)
        {
            return;
        }

        var started = time.GetTimestamp();
        var longest = TimeSpan.FromSeconds(options.Value.MaxBacklogWaitSeconds);
        while (await WaitingAsync() >= limit && time.GetElapsedTime(started) < longest)
        {
            await Task.Delay(Recount, time, cancellationToken);
        }
    }

    /// <summary>The API's events waiting for a dispatcher now (not those waiting for a retry), counted at most every <see cref="Recount"/>.</summary>
    private Task<int> WaitingAsync()
    {
        lock (sync)
        {
            if (count is null || (count.IsCompleted && time.GetElapsedTime(countedAt) >= Recount))
            {
                countedAt = time.GetTimestamp();
                count = CountAsync();
            }

            return count;
        }
    }

    // Not cancelled with the request that started it: the requests waiting meanwhile share it.
    private async Task<int> CountAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.ClientEvents.CountAsync(e => e.Status == EventStatus.Pending && e.NextAttemptAt == null && e.Source == EventSources.Api);
    }
}
