using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>Identity on the gym's database: staff users, their roles, sign-in with limits on failures.</summary>
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        // Identity's token providers protect their tokens with it; a host of Core alone must not miss it.
        services.AddDataProtection();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // NIST SP 800-63B: length, and no common password (CommonPasswordValidator), instead of character classes.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                // Failed sign-ins lock an (email, address) pair or an address (SignInLimits), never the account itself.
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddErrorDescriber<StaffIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddEntityFrameworkStores<GymDbContext>()
            .AddSignInManager<GymSignInManager>()
            .AddDefaultTokenProviders();
        services.AddOptions<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInLimits>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<StaffAccounts>();
        services.AddOptions<StaffSessionOptions>().BindConfiguration(StaffSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<IStartupTask, StaffBootstrapper>();
        services.AddDemoPart<DemoStaffPart>();
        return services;
    }
}
