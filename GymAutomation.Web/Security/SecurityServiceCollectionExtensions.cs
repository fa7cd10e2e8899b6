using GymAutomation.Core.Staff;
using GymAutomation.Web.Features.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>How long a sign-in lasts without a request (the cookie slides).</summary>
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(12);

    /// <summary>Cookie sign-in for staff, the policies every page names, and the circuit's revalidation.</summary>
    public static IServiceCollection AddGymSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = SignInLifetime;
            o.SlidingExpiration = true;
            o.Cookie.Name = "GymAutomation.Auth";
            o.EventsType = typeof(StaffSessionCookieEvents);
        });
        services.AddSingleton<StaffSessionCookieEvents>();

        // A user whose stamp changed elsewhere (another process) is caught within Security:RevalidateSeconds.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<StaffSessionOptions>>((o, sessions) =>
        {
            o.ValidationInterval = sessions.Value.RevalidateInterval;
            o.OnRefreshingPrincipal = StaffSessionCookieEvents.KeepSessionOnRefresh;
        });
        services.AddAuthorization(o =>
        {
            foreach (var (policy, roles) in Policies.RolesByPolicy)
            {
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }

            o.FallbackPolicy = o.GetPolicy(Policies.AnyStaff);
        });
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();
        services.AddHttpContextAccessor();
        return services;
    }
}
