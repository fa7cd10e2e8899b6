using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Retention;

/// <summary>The <c>Retention</c> section of appsettings.json.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// After staff resolve or dismiss an alert, the scan opens no new alert of that type for that member for this
    /// many days, unless a rule of higher risk matches.
    /// </summary>
    [Range(0, 365)]
    public int CoolOffDays { get; set; } = 30;

    /// <summary>From this risk an alert is "high risk": red on the board, and in managers' digests while unassigned.</summary>
    [Range(1, 100)]
    public int HighRiskFrom { get; set; } = 70;

    /// <summary>
    /// A case closed as "came back" is confirmed by a visit within this many days, and one closed as "renewed" or
    /// "upgraded" by a payment or a new membership; until then it is "not confirmed yet", after it "not confirmed".
    /// </summary>
    [Range(1, 90)]
    public int ConfirmWithinDays { get; set; } = 14;

    /// <summary>A saved case keeps this many months of the member's monthly price: the revenue kept.</summary>
    [Range(1, 24)]
    public int KeptMonths { get; set; } = 3;
}
