using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Gym;

/// <summary>The <c>Gym</c> section of appsettings.json.</summary>
public sealed class GymOptions
{
    public const string Section = "Gym";

    [Required]
    public string Name { get; set; } = "GymAutomation";

    /// <summary>IANA (or Windows) time zone id; every "day" and every displayed time is read in it.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Madrid";
}
