using GymAutomation.Core.Data;
using GymAutomation.Core.Events;

namespace GymAutomation.Core.Clients;

public static class ClientEventOutbox
{
    /// <summary>
    /// Adds an event about <paramref name="client"/> to the write that caused it. A client not saved yet gets its
    /// id in the same save: the event is attached to the client, and the save fills in its key.
    /// </summary>
    public static ClientEvent Add(this EventOutbox outbox, GymDbContext db, string type, Client client, DateTime? occurredAt = null,
        string source = EventSources.Desk, object? data = null, string? idempotencyKey = null)
    {
        var e = outbox.New(type, occurredAt, source, data, idempotencyKey);
        e.ClientId = client.Id;
        client.Events.Add(e);
        db.ClientEvents.Add(e);
        return e;
    }
}
