using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GymAutomation.Core.Live;

/// <summary>
/// The live feed across instances, over Redis pub/sub: each instance publishes its changes on one channel, with its
/// own id, and hands its subscribers what the others publish — its own changes it has already delivered, so they are
/// skipped and no subscriber sees one twice. StackExchange.Redis reconnects and subscribes again by itself after
/// Redis restarts; what is published while Redis is away is lost, as any missed live change (screens read the
/// database on their next load).
/// </summary>
/// <remarks>
/// Why Redis and not PostgreSQL's <c>LISTEN/NOTIFY</c>: it works whichever database the gym runs on, it holds no
/// database connection per instance just to listen (a listening connection cannot go back to the pool), and a
/// message is not cut off at NOTIFY's 8,000 bytes (a batch of changes after an import is larger). Redis is already
/// there for the hub's backplane and the API's rate limit.
/// </remarks>
internal sealed class RedisLiveFeedLink(IConnectionMultiplexer redis, ILogger<RedisLiveFeedLink> logger) : ILiveFeedLink
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("gymautomation:live");

    private readonly Guid instance = Guid.NewGuid();

    public void Send(IReadOnlyList<LiveChange> changes)
    {
        var travelling = changes.Where(LiveChangeJson.Travels).ToArray();
        if (travelling.Length == 0)
        {
            return;
        }

        try
        {
            var message = JsonSerializer.SerializeToUtf8Bytes(new LiveMessage(instance, travelling), LiveChangeJson.Options);
            redis.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not send {Count} live changes to the other instances", travelling.Length);
        }
    }

    /// <summary>Hands <paramref name="deliver"/> every change the other instances publish, in the order Redis got them.</summary>
    public async Task ListenAsync(Action<IReadOnlyList<LiveChange>> deliver)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(message =>
        {
            try
            {
                var received = JsonSerializer.Deserialize<LiveMessage>((byte[])message.Message!, LiveChangeJson.Options);
                if (received is not null && received.From != instance)
                {
                    deliver(received.Changes);
                }
            }
            catch (JsonException ex)
            {
                logger.LogWarning(ex, "Ignored a live message this instance cannot read (another version of the app?)");
            }
            catch (Exception ex)
            {
                // A subscriber's failure must not end the loop that feeds every other subscriber.
                logger.LogWarning(ex, "A subscriber failed on live changes from another instance");
            }
        });
    }

    private sealed record LiveMessage(Guid From, LiveChange[] Changes);
}

/// <summary>
/// Listens to the other instances' changes from the start of the app. When Redis cannot be reached at start, the app
/// starts anyway and keeps trying every second in the background; once subscribed, StackExchange.Redis keeps the
/// subscription across reconnections.
/// </summary>
internal sealed class RedisLiveFeedListener(LiveFeed feed, RedisLiveFeedLink link, ILogger<RedisLiveFeedListener> logger) : BackgroundService
{
    private bool listening;

    /// <summary>Subscribes before the app serves, so a change published once it runs is not missed.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        listening = await TryListenAsync();
        if (!listening)
        {
            logger.LogWarning("Redis is not reachable: live changes from other instances arrive once it is");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (listening)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken) && !await TryListenAsync())
        {
        }
    }

    private async Task<bool> TryListenAsync()
    {
        try
        {
            await link.ListenAsync(feed.DeliverFromAnotherInstance);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
    }
}
