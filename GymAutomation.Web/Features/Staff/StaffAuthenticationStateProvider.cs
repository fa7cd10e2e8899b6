using System.Security.Claims;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Features.Staff;

/// <summary>
/// Re-checks an open circuit's user every <see cref="StaffSessionOptions.RevalidateSeconds"/>: a revoked session, a
/// deactivated user, or one whose security stamp changed (roles, password), is signed out of the live app too, not only
/// at their next request. A revocation made in this process signs the circuit out at once.
/// </summary>
internal sealed class StaffAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopes;
    private readonly IOptions<IdentityOptions> options;
    private readonly StaffSessions sessions;
    private Task<AuthenticationState>? current;

    public StaffAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopes,
        IOptions<IdentityOptions> options,
        StaffSessions sessions)
        : base(loggerFactory)
    {
        this.scopes = scopes;
        this.options = options;
        this.sessions = sessions;
        AuthenticationStateChanged += state => current = state;
        sessions.Revoked += OnRevoked;
    }

    protected override TimeSpan RevalidationInterval => sessions.RevalidateInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (StaffClaims.SessionOf(principal) is not { } sessionId || !(await sessions.ActiveAmongAsync([sessionId], cancellationToken)).Contains(sessionId))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.IsActive)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }

    protected override void Dispose(bool disposing)
    {
        sessions.Revoked -= OnRevoked;
        base.Dispose(disposing);
    }

    private void OnRevoked(SessionRevocation revocation)
    {
        if (current is { IsCompletedSuccessfully: true } state && revocation.Covers(StaffClaims.IdOf(state.Result.User), StaffClaims.SessionOf(state.Result.User)))
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }
}
