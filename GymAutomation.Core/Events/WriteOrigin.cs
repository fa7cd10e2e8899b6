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
public sealed record WriteOrigin(string Source, DateTime? OccurredAt = null)
{
    public static WriteOrigin Desk { get; } = new(EventSources.Desk);
}
