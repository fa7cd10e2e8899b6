using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using Microsoft.AspNetCore.Identity;

namespace Microsoft.Extensions.DependencyInjection;

public static class StaffServiceCollectionExtensions
{
    /// <summary>Identity on the gym's database: staff users, their roles, sign-in with lockout.</summary>
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        // Identity's token providers protect their tokens with it; a host of Core alone must not miss it.
        services.AddDataProtection();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddErrorDescriber<StaffIdentityErrors>()
            .AddEntityFrameworkStores<GymDbContext>()
            .AddSignInManager<GymSignInManager>()
            .AddDefaultTokenProviders();
        services.AddScoped<StaffAccounts>();
        services.AddOptions<StaffSessionOptions>().BindConfiguration(StaffSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<IStartupTask, StaffBootstrapper>();
        return services;
    }
}
