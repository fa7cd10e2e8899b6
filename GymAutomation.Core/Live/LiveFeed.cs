namespace GymAutomation.Core.Live;

/// <summary>A typed change an open screen may want to show at once: a score moved, an alert opened…</summary>
public abstract record LiveChange(DateTime At);

/// <summary>Where the changes a subscriber wants were published.</summary>
public enum LiveOrigin
{
    /// <summary>On any instance of the app: what a screen shows.</summary>
    AnyInstance,

    /// <summary>On this instance only: for a relay whose own transport already reaches the other instances (the hub's backplane).</summary>
    ThisInstance,
}

/// <summary>
/// Core's live feed: engines publish what changed after it is committed; screens, the SignalR hub and
/// benchmarks subscribe. Delivery is best effort — a screen that misses a change still reads the truth from the
/// database on its next load. A change reaches this process's subscribers at once and, with a
/// <see cref="ILiveFeedLink"/> (Redis, when several instances run), every other instance's subscribers too.
/// </summary>
public sealed class LiveFeed(ILiveFeedLink? link = null)
{
    private readonly Lock gate = new();
    private ImmutableSubscribers subscribers = ImmutableSubscribers.Empty;

    public IDisposable Subscribe(Action<IReadOnlyList<LiveChange>> onChanges, LiveOrigin origin = LiveOrigin.AnyInstance)
    {
        var subscriber = new Subscriber(onChanges, origin);
        lock (gate)
        {
            subscribers = subscribers.Add(subscriber);
        }

        return new Subscription(this, subscriber);
    }

    public void Publish(IReadOnlyList<LiveChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        Deliver(changes, fromThisInstance: true);
        link?.Send(changes);
    }

    /// <summary>Hands this process's subscribers the changes another instance published (called by the link).</summary>
    public void DeliverFromAnotherInstance(IReadOnlyList<LiveChange> changes)
    {
        if (changes.Count > 0)
        {
            Deliver(changes, fromThisInstance: false);
        }
    }

    private void Deliver(IReadOnlyList<LiveChange> changes, bool fromThisInstance)
    {
        foreach (var subscriber in subscribers.Items)
        {
            if (fromThisInstance || subscriber.Origin == LiveOrigin.AnyInstance)
            {
                subscriber.OnChanges(changes);
            }
        }
    }

    private void Unsubscribe(Subscriber subscriber)
    {
        lock (gate)
        {
            subscribers = subscribers.Remove(subscriber);
        }
    }

    private sealed record Subscriber(Action<IReadOnlyList<LiveChange>> OnChanges, LiveOrigin Origin);

    private sealed record ImmutableSubscribers(Subscriber[] Items)
    {
        public static readonly ImmutableSubscribers Empty = new([]);

        public ImmutableSubscribers Add(Subscriber item) => new([.. Items, item]);

        public ImmutableSubscribers Remove(Subscriber item) => new(Items.Where(i => !ReferenceEquals(i, item)).ToArray());
    }

    private sealed class Subscription(LiveFeed feed, Subscriber subscriber) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(subscriber);
    }
}

/// <summary>Carries the changes published on this instance to the app's other instances.</summary>
public interface ILiveFeedLink
{
    /// <summary>Sends the changes on, without blocking the publisher and without throwing.</summary>
    void Send(IReadOnlyList<LiveChange> changes);
}
