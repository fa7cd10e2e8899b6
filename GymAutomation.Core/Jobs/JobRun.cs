namespace GymAutomation.Core.Jobs;

public enum JobOutcome
{
    Running,
    Succeeded,
    Failed,

    /// <summary>Another run of the same job held the lease; this one did nothing.</summary>
    Skipped,

    /// <summary>
    /// The run stopped before it finished: its process died (found when its lease was taken over or at start-up),
    /// the app stopped, or it lost its lease. Jobs work from what is due, so the next run picks up what it left.
    /// </summary>
    Interrupted,
}

/// <summary>One run of a scheduled job: what ran, when, what it did, what failed, and which process ran it.</summary>
public class JobRun
{
    public long Id { get; set; }
    public required string JobName { get; set; }

    /// <summary>"schedule", "manual" (run now), or "cli".</summary>
    public required string Trigger { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>When it ended; for an interrupted run, when it was found dead.</summary>
    public DateTime? FinishedAt { get; set; }

    public JobOutcome Outcome { get; set; }
    public int ItemsProcessed { get; set; }
    public string? Error { get; set; }

    /// <summary>The machine whose process ran it: there, a run whose process is gone is known dead at once.</summary>
    public string? Machine { get; set; }

    public int? ProcessId { get; set; }

    /// <summary>When that process started (UTC): a pid the system later gave to another process is not taken for it.</summary>
    public DateTime? ProcessStartedAt { get; set; }

    /// <summary>When the run last renewed its lease: the last moment it was known alive.</summary>
    public DateTime? LastHeartbeatAt { get; set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>
/// A per-job lease row: the run it names, while the lease is unexpired, is running that job, on any instance.
/// The run renews it at every heartbeat; a run whose process died stops renewing it and loses it.
/// </summary>
public class JobLease
{
    public required string JobName { get; set; }

    /// <summary>Who holds it, for people: machine and pid.</summary>
    public required string Owner { get; set; }

    public DateTime LeasedUntil { get; set; }

    /// <summary>The run holding it (null only for a lease taken before runs were named).</summary>
    public long? RunId { get; set; }
}
