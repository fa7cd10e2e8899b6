namespace GymAutomation.Core.Live;

/// <summary>A typed change an open screen may want to show at once: a score moved, an alert opened…</summary>
public abstract record LiveChange(DateTime At);

/// <summary>
/// Core's live feed: engines publish what changed after it is committed; screens, the SignalR hub and
/// benchmarks subscribe. Delivery is in-process and best effort — a screen that misses a change still
/// reads the truth from the database on its next load.
/// </summary>
public sealed class LiveFeed
{
    private readonly Lock gate = new();
    private ImmutableSubscribers subscribers = ImmutableSubscribers.Empty;

    public IDisposable Subscribe(Action<IReadOnlyList<LiveChange>> onChanges)
    {
        lock (gate)
        {
            subscribers = subscribers.Add(onChanges);
        }

        return new Subscription(this, onChanges);
    }

    public void Publish(IReadOnlyList<LiveChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var subscriber in subscribers.Items)
        {
            subscriber(changes);
        }
    }

    private void Unsubscribe(Action<IReadOnlyList<LiveChange>> onChanges)
    {
        lock (gate)
        {
            subscribers = subscribers.Remove(onChanges);
        }
    }

    private sealed record ImmutableSubscribers(Action<IReadOnlyList<LiveChange>>[] Items)
    {
        public static readonly ImmutableSubscribers Empty = new([]);

        public ImmutableSubscribers Add(Action<IReadOnlyList<LiveChange>> item) => new([.. Items, item]);

        public ImmutableSubscribers Remove(Action<IReadOnlyList<LiveChange>> item) => new(Items.Where(i => i != item).ToArray());
    }

    private sealed class Subscription(LiveFeed feed, Action<IReadOnlyList<LiveChange>> onChanges) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(onChanges);
    }
}
