using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Staff;

/// <summary>The <c>Security</c> section's settings for staff sessions.</summary>
public sealed class StaffSessionOptions
{
    public const string Section = "Security";

    /// <summary>
    /// How often a session is checked against the database: a sign-out, deactivation, role or password change made
    /// by another process ends pages, circuits and live-hub connections within this many seconds (in the process that
    /// made it, at once).
    /// </summary>
    [Range(1, 3600)]
    public int RevalidateSeconds { get; set; } = 60;

    public TimeSpan RevalidateInterval => TimeSpan.FromSeconds(RevalidateSeconds);
}
