namespace GymAutomation.Core.Jobs;

/// <summary>The <c>Jobs</c> section of appsettings.json: one entry per scheduled job, by name.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How long a run may hold its job's lease before another instance may take over.</summary>
    public int LeaseMinutes { get; set; } = 60;

    public Dictionary<string, JobSchedule> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class JobSchedule
{
    /// <summary>Five-field cron expression, read in the gym's time zone.</summary>
    public string Cron { get; set; } = "";

    public bool Enabled { get; set; } = true;
}
