using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GymAutomation.Web.Features.Staff;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (with its antiforgery token, which [FromForm] makes the endpoint check).
        endpoints.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<StaffUser> signIn, StaffSessions sessions, HttpContext http) =>
        {
            // Revoked on the server: a copy of the cookie taken before now opens nothing either.
            if (StaffClaims.SessionOf(http.User) is { } sessionId)
            {
                await sessions.RevokeAsync(sessionId, StaffSessionEnd.SignedOut);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login?signedOut=true");
        }).RequireAuthorization(Policies.AnyStaff);
    }
}
