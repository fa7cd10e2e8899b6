using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Staff;

/// <summary>The <c>SignInLimits</c> section: how many failed sign-ins lock what, and for how long (docs/decisions/sign-in-limits.md).</summary>
public sealed class SignInLimitOptions
{
    public const string Section = "SignInLimits";

    /// <summary>Failures for one email from one address before that pair is locked.</summary>
    [Range(1, 1000)]
    public int FailuresPerEmail { get; set; } = 5;

    /// <summary>Failures from one address, whatever emails it types, before the address is locked.</summary>
    [Range(1, 100000)]
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>How long a lockout lasts, and how long a failure is remembered without another one.</summary>
    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;
}
