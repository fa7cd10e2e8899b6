namespace GymAutomation.Core.Staff;

/// <summary>The <c>Bootstrap</c> section: the first administrator, created when the database has no user.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
}
