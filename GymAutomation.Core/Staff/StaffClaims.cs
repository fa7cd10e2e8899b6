using System.Security.Claims;

namespace GymAutomation.Core.Staff;

/// <summary>Claim types of our own, beside Identity's.</summary>
public static class StaffClaims
{
    public const string DisplayName = "gym:display_name";

    /// <summary>The id of the <see cref="StaffSession"/> a sign-in cookie belongs to.</summary>
    public const string SessionId = "gym:session";

    /// <summary>The signed-in user's id, in Identity's default id claim (AddStaff does not change it).</summary>
    public static string? IdOf(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    public static string? SessionOf(ClaimsPrincipal user) => user.FindFirst(SessionId)?.Value;

    /// <summary>The name to show for a signed-in user: their display name, else their user name (the email).</summary>
    public static string? NameOf(ClaimsPrincipal user) =>
        user.FindFirst(DisplayName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name;
}
