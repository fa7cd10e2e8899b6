using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Jobs;

/// <summary>The <c>Jobs</c> section of appsettings.json: one entry per scheduled job, by name.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// How long a run's lease lasts past its last heartbeat. A live run renews it every sixth of this
    /// (<see cref="HeartbeatInterval"/>); a run whose process died loses it this long after its last heartbeat,
    /// or at once when its machine sees the process gone.
    /// </summary>
    [Range(6, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>Six heartbeats per lease: a run survives a few slow renewals (a busy database) without losing it.</summary>
    public TimeSpan HeartbeatInterval => Lease / 6;

    public Dictionary<string, JobSchedule> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class JobSchedule
{
    /// <summary>Five-field cron expression, read in the gym's time zone.</summary>
    public string Cron { get; set; } = "";

    public bool Enabled { get; set; } = true;
}
