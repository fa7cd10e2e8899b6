using System.Globalization;
using GymAutomation.Core.Live;

namespace GymAutomation.Web.Live;

/// <summary>
/// A component's subscription to the <see cref="LiveFeed"/>: it hands the component the changes it wants on the
/// component's own dispatcher, and coalesces bursts — the first change goes out at once, and whatever arrives during
/// the next <see cref="Interval"/> goes out together after it — so a screen re-renders a few times a second at most,
/// not once per event. Changes are handled in the culture the subscription started in (the user's, on the circuit),
/// not the publisher's (the server's), so a live re-render keeps the user's language and formats.
/// Start it in <c>OnInitialized</c>, dispose it in <c>Dispose</c>:
/// <code>
/// live = LiveSubscription.Start&lt;ScoreChanged&gt;(Feed, InvokeAsync, DispatchExceptionAsync, OnScoresChangedAsync);
/// </code>
/// </summary>
public sealed class LiveSubscription<T> : IDisposable
    where T : LiveChange
{
    private readonly Lock gate = new();
    private readonly Func<Func<Task>, Task> invokeAsync;
    private readonly Func<Exception, Task> dispatchException;
    private readonly Func<IReadOnlyList<T>, Task> onChanges;
    private readonly Func<T, bool> wanted;
    private readonly TimeProvider time;
    private readonly IDisposable subscription;
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;
    private List<T> pending = [];
    private bool scheduled;
    private bool disposed;
    private long lastDelivery;
    private ITimer? timer;

    internal LiveSubscription(
        LiveFeed feed,
        Func<Func<Task>, Task> invokeAsync,
        Func<Exception, Task> dispatchException,
        Func<IReadOnlyList<T>, Task> onChanges,
        Func<T, bool>? wanted,
        TimeSpan interval,
        TimeProvider time)
    {
        this.invokeAsync = invokeAsync;
        this.dispatchException = dispatchException;
        this.onChanges = onChanges;
        this.wanted = wanted ?? (_ => true);
        this.time = time;
        Interval = interval;
        lastDelivery = time.GetTimestamp() - (long)(interval.TotalSeconds * time.TimestampFrequency);
        subscription = feed.Subscribe(OnPublished);
    }

    /// <summary>The least time between two deliveries.</summary>
    public TimeSpan Interval { get; }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            timer?.Dispose();
        }

        subscription.Dispose();
    }

    // Called on the publisher's thread (the event dispatcher): never blocks it, never runs the component there.
    private void OnPublished(IReadOnlyList<LiveChange> changes)
    {
        var mine = changes.OfType<T>().Where(wanted).ToList();
        if (mine.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            pending.AddRange(mine);
            if (!scheduled)
            {
                scheduled = true;
                ScheduleLocked();
            }
        }
    }

    private void ScheduleLocked()
    {
        var wait = Interval - time.GetElapsedTime(lastDelivery);
        if (wait <= TimeSpan.Zero)
        {
            _ = Task.Run(DeliverAsync);
        }
        else
        {
            timer?.Dispose();
            timer = time.CreateTimer(_ => _ = DeliverAsync(), null, wait, Timeout.InfiniteTimeSpan);
        }
    }

    private bool IsDisposed
    {
        get
        {
            lock (gate)
            {
                return disposed;
            }
        }
    }

    // Culture flows with the ExecutionContext, and this one is the publisher's: a job or the dispatcher on a server
    // thread, whose culture would otherwise render a Spanish screen in English. Async, so the change stays with this
    // delivery and whatever it awaits, renders included, and goes no further.
    private async Task InCircuitCultureAsync(IReadOnlyList<T> batch)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
        await onChanges(batch);
    }

    private async Task DeliverAsync()
    {
        List<T> batch;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            batch = pending;
            pending = [];
        }

        try
        {
            await invokeAsync(() => InCircuitCultureAsync(batch));
        }
        catch (Exception ex) when (!IsDisposed)
        {
            await dispatchException(ex);
        }

        lock (gate)
        {
            lastDelivery = time.GetTimestamp();
            if (disposed || pending.Count == 0)
            {
                scheduled = false;
            }
            else
            {
                ScheduleLocked();
            }
        }
    }
}

/// <summary>Starts <see cref="LiveSubscription{T}"/>s.</summary>
public static class LiveSubscription
{
    /// <summary>Re-render at most four times a second.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="feed">The live feed.</param>
    /// <param name="invokeAsync">The component's <c>InvokeAsync</c>: changes are handled on its dispatcher.</param>
    /// <param name="dispatchException">The component's <c>DispatchExceptionAsync</c>: a failure is the component's, as in an event handler.</param>
    /// <param name="onChanges">Handles a batch of changes (and calls <c>StateHasChanged</c>).</param>
    /// <param name="wanted">Which changes of type <typeparamref name="T"/> the component wants; all when null.</param>
    /// <param name="interval">The least time between two deliveries; <see cref="DefaultInterval"/> when null.</param>
    /// <param name="time">The clock of the coalescing (tests pass a fake one); the system clock when null.</param>
    public static LiveSubscription<T> Start<T>(
        LiveFeed feed,
        Func<Func<Task>, Task> invokeAsync,
        Func<Exception, Task> dispatchException,
        Func<IReadOnlyList<T>, Task> onChanges,
        Func<T, bool>? wanted = null,
        TimeSpan? interval = null,
        TimeProvider? time = null)
        where T : LiveChange =>
        new(feed, invokeAsync, dispatchException, onChanges, wanted, interval ?? DefaultInterval, time ?? TimeProvider.System);
}
