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
    /// <summary>The first key of the dispatchers' advisory locks on PostgreSQL (the second is the client): "gymE".</summary>
    private const int ClientLockSpace = 0x67796D45;

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
            var claimed = new List<long>();
            try
            {
                await HandleInOneTransactionAsync(db => ClaimDueAsync(db, now, only: null, cancellationToken), claimed, now, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && claimed.Count > 0)
            {
                logger.LogWarning(ex, "A batch of {Count} events failed; handling them one by one", claimed.Count);
                foreach (var id in claimed)
                {
                    await HandleAloneAsync(id, now, cancellationToken);
                }
            }

            return claimed.Count;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Claims, inside the handling transaction, the events this dispatcher handles now: the oldest due ones, or the
    /// one event <paramref name="only"/> names. On SQLite the write gate already lets one transaction write at a time,
    /// in this process and any other. On PostgreSQL dispatchers of several instances run at once: each takes a
    /// transaction-scoped advisory lock on every client whose events it handles, skipping clients another dispatcher
    /// holds, so no event is handled twice and one client's events are never handled by two instances out of order.
    /// The events are read after the locks are taken, by a statement of their own: a snapshot taken before the lock
    /// could still show events that the previous holder handled and committed meanwhile.
    /// </summary>
    private async Task<List<ClientEvent>> ClaimDueAsync(GymDbContext db, DateTime now, long? only, CancellationToken cancellationToken)
    {
        var batchSize = only is null ? options.Value.BatchSize : 1;
        var pending = db.ClientEvents.Where(e => e.Status == EventStatus.Pending && (only == null ? e.NextAttemptAt == null || e.NextAttemptAt <= now : e.Id == only));
        if (db.Database.IsNpgsql())
        {
            var scan = batchSize * 4;
            var onlyId = only ?? 0;
            List<int> clients = await db.Database.SqlQuery<int>($"""
                WITH next AS MATERIALIZED (
                    SELECT DISTINCT "ClientId" FROM (
                        SELECT "ClientId" FROM "ClientEvents"
                        WHERE "Status" = {nameof(EventStatus.Pending)} AND ({only == null} AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {now}) OR "Id" = {onlyId})
                        ORDER BY "Id" LIMIT {scan}) AS due)
                SELECT "ClientId" AS "Value" FROM next WHERE pg_try_advisory_xact_lock({ClientLockSpace}, "ClientId")
                """).ToListAsync(cancellationToken);
            pending = pending.Where(e => clients.Contains(e.ClientId));
        }

        return await pending.OrderBy(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
    }

    private async Task HandleInOneTransactionAsync(
        Func<GymDbContext, Task<List<ClientEvent>>> claim, List<long> claimed, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var events = await claim(db);
        if (events.Count == 0)
        {
            return;
        }

        claimed.AddRange(events.Select(e => e.Id));
        var context = new EventContext(db, now);
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
            await HandleInOneTransactionAsync(db => ClaimDueAsync(db, now, id, cancellationToken), [], now, cancellationToken);
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
