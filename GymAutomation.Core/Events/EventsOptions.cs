using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Events;

/// <summary>The <c>Events</c> section: how the dispatcher hands events to the engines.</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>How often the dispatcher looks for events it was not woken for (left by a crash, or due for a retry).</summary>
    [Range(1, 3600)]
    public int SweepSeconds { get; set; } = 5;

    /// <summary>Attempts before a failing event is parked for an admin.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Events handed to the engines in one transaction.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How many of the API's events may wait for a dispatcher before an API request that adds one waits
    /// (<see cref="EventBacklog"/>); 0 never waits.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxBacklog { get; set; } = 60;

    /// <summary>The longest an API request waits for the backlog to shrink before it records its event anyway.</summary>
    [Range(1, 60)]
    public int MaxBacklogWaitSeconds { get; set; } = 5;
}
