namespace GymAutomation.Core.Jobs;

public enum JobOutcome
{
    Running,
    Succeeded,
    Failed,

    /// <summary>Another run of the same job held the lease; this one did nothing.</summary>
    Skipped,
}

/// <summary>One run of a scheduled job: what ran, when, what it did, what failed.</summary>
public class JobRun
{
    public long Id { get; set; }
    public required string JobName { get; set; }

    /// <summary>"schedule", "manual" (run now), or "cli".</summary>
    public required string Trigger { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public JobOutcome Outcome { get; set; }
    public int ItemsProcessed { get; set; }
    public string? Error { get; set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>A per-job lease row: whoever holds it unexpired is running that job, on any instance.</summary>
public class JobLease
{
    public required string JobName { get; set; }
    public required string Owner { get; set; }
    public DateTime LeasedUntil { get; set; }
}
