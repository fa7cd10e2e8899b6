namespace GymAutomation.Core.Events;

public enum EventStatus
{
    /// <summary>Saved, not yet handed to the engines (or waiting for a retry).</summary>
    Pending,

    /// <summary>Every engine has handled it.</summary>
    Processed,

    /// <summary>Kept failing; waits for an admin to look and retry.</summary>
    Parked,
}

/// <summary>
/// Something that happened to a client, saved in the same transaction as the write that caused it (a
/// transactional outbox), then handed in order to the engines by the <see cref="EventDispatcher"/>.
/// </summary>
public class ClientEvent
{
    public long Id { get; set; }

    /// <summary>One of <see cref="ClientEventTypes"/>.</summary>
    public required string Type { get; set; }

    public int ClientId { get; set; }

    /// <summary>When it happened (UTC); may be earlier than when it was recorded.</summary>
    public DateTime OccurredAt { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>A caller's key that makes a repeated delivery a no-op; unique when given.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Where it came from: desk, api, job, email…</summary>
    public string? Source { get; set; }

    /// <summary>Free JSON the caller attached (class name, amount, days inactive…).</summary>
    public string? Data { get; set; }

    public EventStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public string? LastError { get; set; }
}
