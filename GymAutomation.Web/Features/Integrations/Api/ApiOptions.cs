using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>The <c>Api</c> section: how fast each API key may send.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests a key may make per second, sustained.</summary>
    [Range(1, 1_000_000)]
    public int PermitPerSecond { get; set; } = 20;

    /// <summary>Requests a key may make at once after a quiet spell, above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;
}
