using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace GymAutomation.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Cookie sign-in for staff, the policies every page names, and the circuit's revalidation.</summary>
    public static IServiceCollection AddGymSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Cookie.Name = "GymAutomation.Auth";
        });

        // A deactivated user, or one whose roles changed, is caught within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
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
