using System.Net;
using GymAutomation.Core.Events;
using GymAutomation.Tests.Api;

namespace GymAutomation.Tests.Cluster;

/// <summary>
/// Redis goes away under running instances: each keeps its own screens live, delivery between them resumes when
/// Redis is back, and an instance started meanwhile joins in.
/// </summary>
public sealed class RedisRestartTests(GymCluster cluster) : IClassFixture<GymCluster>
{
    [Fact]
    public async Task After_redis_is_killed_and_started_again_changes_cross_instances_again()
    {
        var onA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var onB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscribedOnA = cluster.A.Feed.Subscribe(changes => onA.TrySetResult());
        using var subscribedOnB = cluster.B.Feed.Subscribe(changes => onB.TrySetResult());

        await cluster.Redis.KillAsync();
        cluster.A.Feed.Publish([new ClientActivity(DateTime.UtcNow, 1)]);
        await onA.Task.WaitAsync(TimeSpan.FromSeconds(1));

        await cluster.Redis.StartAgainAsync();
        await PublishOnAUntilAsync(onB.Task);

        Assert.True(onB.Task.IsCompleted);
    }

    [Fact]
    public async Task An_instance_started_while_redis_is_down_starts_and_joins_the_feed_once_redis_is_up()
    {
        await cluster.Redis.KillAsync();
        await using var late = new GymCluster.Instance(cluster.A.ConnectionString, cluster.Redis.ConnectionString);
        _ = late.Server;
        var onLate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscribed = late.Feed.Subscribe(changes => onLate.TrySetResult());

        await cluster.Redis.StartAgainAsync();
        await PublishOnAUntilAsync(onLate.Task);

        Assert.True(onLate.Task.IsCompleted);
    }

    [Fact]
    public async Task While_redis_is_down_the_api_still_takes_events()
    {
        var gymClient = await cluster.A.CreateGymClientAsync("Marta");
        using var caller = await cluster.A.CreateApiClientAsync();
        await cluster.Redis.KillAsync();
        var statuses = new List<HttpStatusCode>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await caller.PostEventAsync(new { type = ClientEventTypes.EmailOpened, clientId = gymClient.Id, idempotencyKey = $"down-{i}" });
                statuses.Add(response.StatusCode);
            }
        }
        finally
        {
            await cluster.Redis.StartAgainAsync();
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], statuses);
    }

    /// <summary>
    /// StackExchange.Redis notices the new server within its reconnect backoff and subscribes again by itself; until
    /// then a change is lost, so keep publishing until one gets through.
    /// </summary>
    private async Task PublishOnAUntilAsync(Task received)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (!received.IsCompleted && await tick.WaitForNextTickAsync(deadline.Token))
        {
            cluster.A.Feed.Publish([new ClientActivity(DateTime.UtcNow, 2)]);
        }
    }
}
