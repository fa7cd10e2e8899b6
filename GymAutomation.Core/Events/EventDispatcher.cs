using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Events;

/// <summary>
/// Hands saved client events, in order, to the engines. Woken at once when a write commits an event, and
/// sweeping on a timer for anything left (a crash, a retry that is due). A batch is handled in one
/// transaction; if it fails, its events are retried one by one so that one bad event cannot hold back the
/// others, and an event that keeps failing is parked with its error after <see cref="EventsOptions.MaxAttempts"/>.
/// </summary>
public sealed class EventDispatcher(
    IDbContextFactory<GymDbContext> dbFactory,
    IEnumerable<IClientEventHandler> handlers,
    EventSignal signal,
    LiveFeed feed,
    GymClock clock,
    IOptions<EventsOptions> options,
    ILogger<EventDispatcher> logger) : BackgroundService
{
    private readonly IReadOnlyList<IClientEventHandler> handlers = DeclaredOrder.Sort(handlers, h => h.Order);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Handles every event that is due now, batch after batch; returns how many were handled.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int handled;
        do
        {
            handled = await HandleNextBatchAsync(cancellationToken);
            total += handled;
        }
        while (handled > 0);

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The event dispatcher could not read its events; it will try again");
            }

            await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.SweepSeconds), stoppingToken);
        }
    }

    private async Task<int> HandleNextBatchAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.UtcNow;
            List<long> due;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                due = await db.ClientEvents
                    .Where(e => e.Status == EventStatus.Pending && (e.NextAttemptAt == null || e.NextAttemptAt <= now))
                    .OrderBy(e => e.Id)
                    .Select(e => e.Id)
                    .Take(options.Value.BatchSize)
                    .ToListAsync(cancellationToken);
            }

            if (due.Count == 0)
            {
                return 0;
            }

            try
            {
                await HandleInOneTransactionAsync(due, now, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A batch of {Count} events failed; handling them one by one", due.Count);
                foreach (var id in due)
                {
                    await HandleAloneAsync(id, now, cancellationToken);
                }
            }

            return due.Count;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task HandleInOneTransactionAsync(IReadOnlyList<long> ids, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var context = new EventContext(db, now);
        var events = await db.ClientEvents
            .Where(e => ids.Contains(e.Id) && e.Status == EventStatus.Pending)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        foreach (var handler in handlers)
        {
            await handler.HandleAsync(events, context, cancellationToken);
        }

        foreach (var clientEvent in events)
        {
            clientEvent.Status = EventStatus.Processed;
            clientEvent.ProcessedAt = now;
            clientEvent.Attempts++;
            clientEvent.LastError = null;
            clientEvent.NextAttemptAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish([.. context.Changes, .. events.Select(e => e.ClientId).Distinct().Select(id => new ClientActivity(now, id))]);
    }

    private async Task HandleAloneAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            await HandleInOneTransactionAsync([id], now, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(id, ex, now, cancellationToken);
        }
    }

    private async Task RecordFailureAsync(long id, Exception error, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clientEvent = await db.ClientEvents.FindAsync([id], cancellationToken);
        if (clientEvent is null)
        {
            return;
        }

        clientEvent.Attempts++;
        clientEvent.LastError = Truncate($"{error.GetType().Name}: {error.Message}");
        if (clientEvent.Attempts >= options.Value.MaxAttempts)
        {
            clientEvent.Status = EventStatus.Parked;
            clientEvent.NextAttemptAt = null;
            logger.LogError(error, "Event {EventId} ({Type}) parked after {Attempts} attempts", id, clientEvent.Type, clientEvent.Attempts);
        }
        else
        {
            clientEvent.NextAttemptAt = now + Backoff(clientEvent.Attempts);
            logger.LogWarning(error, "Event {EventId} ({Type}) failed; retry {Attempt} at {At}", id, clientEvent.Type, clientEvent.Attempts, clientEvent.NextAttemptAt);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>5 s, 20 s, 80 s… up to an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(4, attempts - 1)));

    private static string Truncate(string text) => text.Length > 4000 ? text[..4000] : text;

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }
}
