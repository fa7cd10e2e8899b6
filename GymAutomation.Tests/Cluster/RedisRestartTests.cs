using GymAutomation.Core.Events;

namespace GymAutomation.Tests.Cluster;

/// <summary>Redis restarts under two running instances: each keeps its own screens live, and delivery between them resumes.</summary>
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
        // StackExchange.Redis notices the new server within its reconnect backoff and subscribes again by itself;
        // until then a change is lost (or sent late), so keep publishing until one gets through.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (!onB.Task.IsCompleted && await tick.WaitForNextTickAsync(deadline.Token))
        {
            cluster.A.Feed.Publish([new ClientActivity(DateTime.UtcNow, 2)]);
        }

        Assert.True(onB.Task.IsCompleted);
    }
}
