using GymAutomation.Core.Live;
using GymAutomation.Web.Live;
using Microsoft.Extensions.Time.Testing;

namespace GymAutomation.Tests.Live;

public sealed class LiveSubscriptionTests : IDisposable
{
    private readonly LiveFeed feed = new();
    private readonly FakeTimeProvider time = new();
    private readonly SemaphoreSlim delivered = new(0);
    private readonly List<IReadOnlyList<Tick>> batches = [];

    public void Dispose() => delivered.Dispose();

    [Fact]
    public async Task The_first_change_goes_out_at_once_and_a_burst_after_it_goes_out_together_one_interval_later()
    {
        using var subscription = Subscribe();

        Publish(1);
        Assert.True(await delivered.WaitAsync(TimeSpan.FromSeconds(5)));
        Publish(2);
        Publish(3);
        Publish(4);
        Assert.False(await delivered.WaitAsync(TimeSpan.FromMilliseconds(50)));
        time.Advance(LiveSubscription.DefaultInterval);
        Assert.True(await delivered.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal([[1], [2, 3, 4]], Batches());
    }

    [Fact]
    public async Task It_hands_over_only_the_changes_the_component_wants_and_nothing_after_disposal()
    {
        var subscription = Subscribe(t => t.Number % 2 == 0);
        feed.Publish([new Tick(DateTime.UnixEpoch, 1), new Other(DateTime.UnixEpoch), new Tick(DateTime.UnixEpoch, 2)]);
        Assert.True(await delivered.WaitAsync(TimeSpan.FromSeconds(5)));

        subscription.Dispose();
        time.Advance(LiveSubscription.DefaultInterval);
        Publish(4);

        Assert.False(await delivered.WaitAsync(TimeSpan.FromMilliseconds(50)));
        Assert.Equal([[2]], Batches());
    }

    [Fact]
    public async Task A_failure_of_the_component_goes_to_its_exception_handler()
    {
        var failures = new List<Exception>();
        using var subscription = LiveSubscription.Start<Tick>(feed, work => work(), ex =>
        {
            failures.Add(ex);
            delivered.Release();
            return Task.CompletedTask;
        }, _ => throw new InvalidOperationException("render failed"), time: time);

        Publish(1);

        Assert.True(await delivered.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("render failed", Assert.Single(failures).Message);
    }

    private LiveSubscription<Tick> Subscribe(Func<Tick, bool>? wanted = null) =>
        LiveSubscription.Start<Tick>(feed, work => work(), _ => Task.CompletedTask, changes =>
        {
            lock (batches)
            {
                batches.Add(changes);
            }

            delivered.Release();
            return Task.CompletedTask;
        }, wanted, time: time);

    private void Publish(int number) => feed.Publish([new Tick(DateTime.UnixEpoch, number)]);

    private List<List<int>> Batches()
    {
        lock (batches)
        {
            return batches.Select(b => b.Select(t => t.Number).ToList()).ToList();
        }
    }

    private sealed record Tick(DateTime At, int Number) : LiveChange(At);

    private sealed record Other(DateTime At) : LiveChange(At);
}
