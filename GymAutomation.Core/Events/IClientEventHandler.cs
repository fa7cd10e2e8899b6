using GymAutomation.Core.Data;
using GymAutomation.Core.Live;

namespace GymAutomation.Core.Events;

/// <summary>
/// An engine's reaction to client events (scoring applies its rules, workflows enrol…). A handler is given a batch
/// of events in the order they happened and handles them in that order, reading what it needs for the whole batch
/// at once rather than a query per event. Handlers run by <see cref="Order"/>, lowest first, inside the dispatcher's
/// transaction: what they write commits together with the events being marked processed, so a retry after a crash
/// never counts twice.
/// </summary>
public interface IClientEventHandler
{
    /// <summary>This handler's place among the handlers; each states why, and no two may share one.</summary>
    int Order { get; }

    Task HandleAsync(IReadOnlyList<ClientEvent> events, EventContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler works with: the batch's database context, "now", and the changes to publish after commit.</summary>
public sealed class EventContext(GymDbContext db, DateTime now)
{
    private readonly List<LiveChange> changes = [];

    public GymDbContext Db { get; } = db;

    public DateTime Now { get; } = now;

    public IReadOnlyList<LiveChange> Changes => changes;

    public void Publish(LiveChange change) => changes.Add(change);
}
