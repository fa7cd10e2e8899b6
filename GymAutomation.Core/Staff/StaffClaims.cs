using System.Security.Claims;

namespace GymAutomation.Core.Staff;

/// <summary>Claim types of our own, beside Identity's.</summary>
public static class StaffClaims
{
    public const string DisplayName = "gym:display_name";

    /// <summary>The name to show for a signed-in user: their display name, else their user name (the email).</summary>
    public static string? NameOf(ClaimsPrincipal user) =>
        user.FindFirst(DisplayName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name;
}
