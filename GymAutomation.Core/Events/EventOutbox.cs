using System.Text.Json;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;

namespace GymAutomation.Core.Events;

/// <summary>
/// Adds a client event to the context of the write that caused it, so both are saved in one transaction.
/// Saving wakes the dispatcher (see <see cref="EventSignal"/>).
/// </summary>
public sealed class EventOutbox(GymClock clock)
{
    public ClientEvent Add(GymDbContext db, string type, int clientId, DateTime? occurredAt = null, string source = EventSources.Desk, object? data = null, string? idempotencyKey = null)
    {
        var e = New(type, occurredAt, source, data, idempotencyKey);
        e.ClientId = clientId;
        db.ClientEvents.Add(e);
        return e;
    }

    /// <summary>An event not yet added to any write: for a feature that attaches it itself (to a client not saved yet).</summary>
    public ClientEvent New(string type, DateTime? occurredAt, string source, object? data, string? idempotencyKey)
    {
        if (!ClientEventTypes.IsKnown(type))
        {
            throw new ArgumentException($"Unknown client event type '{type}'.", nameof(type));
        }

        return new ClientEvent
        {
            Type = type,
            OccurredAt = occurredAt ?? clock.UtcNow,
            RecordedAt = clock.UtcNow,
            Source = source,
            Data = data is null ? null : data as string ?? JsonSerializer.Serialize(data, JsonOptions),
            IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim(),
            Status = EventStatus.Pending,
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

public static class EventSources
{
    public const string Desk = "desk";
    public const string Api = "api";
    public const string Job = "job";
    public const string Email = "email";
}
