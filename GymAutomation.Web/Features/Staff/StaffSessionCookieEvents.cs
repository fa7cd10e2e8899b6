using System.Security.Claims;
using GymAutomation.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace GymAutomation.Web.Features.Staff;

/// <summary>
/// Ties the sign-in cookie to a <see cref="StaffSession"/>: signing in starts one and writes its id into the cookie, and
/// every request with the cookie is refused once that session is revoked (sign-out, deactivation, a new password, other
/// roles) — the cookie's own 12 hours do not matter then. A cookie without a session id (made before sessions existed)
/// is refused too. Identity's security stamp check still runs after this one.
/// </summary>
internal sealed class StaffSessionCookieEvents(StaffSessions sessions) : CookieAuthenticationEvents
{
    // Kept in the cookie's properties as well as in a claim: a refreshed sign-in rebuilds the claims from the user,
    // but carries the properties over, so the session goes on instead of a new one starting.
    private const string SessionItem = ".gym.session";

    public override async Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || StaffClaims.IdOf(context.Principal) is not { } userId)
        {
            return;
        }

        var sessionId = StaffClaims.SessionOf(context.Principal) ?? context.Properties.GetString(SessionItem);
        if (sessionId is null)
        {
            var request = context.HttpContext;
            sessionId = await sessions.StartAsync(
                userId, request.Connection.RemoteIpAddress?.ToString(), request.Request.Headers.UserAgent.ToString(), request.RequestAborted);
        }

        context.Properties.SetString(SessionItem, sessionId);
        if (StaffClaims.SessionOf(context.Principal) is null)
        {
            identity.AddClaim(new Claim(StaffClaims.SessionId, sessionId));
        }
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || StaffClaims.SessionOf(principal) is not { } sessionId
            || !await sessions.IsActiveAsync(sessionId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Identity's stamp check rebuilds the principal from the user every interval: the session id goes along.</summary>
    public static Task KeepSessionOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal is { } current && StaffClaims.SessionOf(current) is { } sessionId
            && context.NewPrincipal?.Identity is ClaimsIdentity identity && StaffClaims.SessionOf(context.NewPrincipal) is null)
        {
            identity.AddClaim(new Claim(StaffClaims.SessionId, sessionId));
        }

        return Task.CompletedTask;
    }
}
