namespace GymAutomation.Core.Events;

/// <summary>
/// Where a write that records client events comes from: the desk, now (the default), or another system
/// through the HTTP API, which reports the exact instant it happened.
/// </summary>
/// <param name="Source">One of <see cref="EventSources"/>.</param>
/// <param name="OccurredAt">
/// The instant (UTC) the caller reports. It wins over the wall-clock time of a form, which cannot tell
/// apart the two 02:30s of the night the clocks go back.
/// </param>
/// <param name="Reported">The event another system reports, when the write records one for it.</param>
public sealed record WriteOrigin(string Source, DateTime? OccurredAt = null, ReportedEvent? Reported = null)
{
    public static WriteOrigin Desk { get; } = new(EventSources.Desk);
}

/// <summary>
/// The event another system reports: the write records its event of this type with the system's idempotency key,
/// and hands that event back in <see cref="Recorded"/>.
/// </summary>
public sealed class ReportedEvent(string type, string? idempotencyKey)
{
    public string Type { get; } = type;

    public string? IdempotencyKey { get; } = idempotencyKey;

    /// <summary>The event the write added for this report; null until it has.</summary>
    public ClientEvent? Recorded { get; set; }
}
