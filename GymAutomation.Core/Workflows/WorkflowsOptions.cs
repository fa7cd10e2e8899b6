using System.ComponentModel.DataAnnotations;
using GymAutomation.Core.Calendar;

namespace GymAutomation.Core.Workflows;

/// <summary>The <c>Workflows</c> section of appsettings.json.</summary>
public sealed class WorkflowsOptions : IValidatableObject
{
    public const string Section = "Workflows";

    /// <summary>Emails go out from this time of day, gym time; a step due earlier waits for it.</summary>
    public TimeOnly SendWindowStart { get; set; } = new(8, 0);

    /// <summary>…until this time of day, gym time; a step due later waits for the next day's window.</summary>
    public TimeOnly SendWindowEnd { get; set; } = new(21, 0);

    /// <summary>Delivery attempts of one email before it is marked failed (retries wait 5 min, 20 min, 80 min…).</summary>
    [Range(1, 20)]
    public int MaxSendAttempts { get; set; } = 5;

    /// <summary>Due steps claimed and sent per round of a run; a run goes round until nothing is due.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Emails whose attempts start in one commit, then go to the server side by side (over
    /// <c>Email:Smtp:Connections</c>), their outcomes recorded in the next commit: one sync to disk per group rather
    /// than per email. A crash in the middle leaves at most this many emails unconfirmed; 1 sends one email at a time.
    /// </summary>
    [Range(1, 1_000)]
    public int SendGroupSize { get; set; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SendWindowEnd <= SendWindowStart)
        {
            yield return new ValidationResult("SendWindowEnd must be later than SendWindowStart.", [nameof(SendWindowEnd)]);
        }
    }

    /// <summary>The send window these settings give; the contact calendar keeps to it.</summary>
    public SendWindow Window => new(SendWindowStart, SendWindowEnd);

    public bool IsInWindow(TimeOnly localTime) => Window.IsOpen(localTime);

    /// <summary>5 min, 20 min, 80 min… up to a day.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(24 * 60, 5 * Math.Pow(4, attempts - 1)));
}
