using GymAutomation.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Staff;

/// <summary>At start-up: the four roles exist, and an empty database gets its first administrator from settings.</summary>
internal sealed class StaffBootstrapper(
    IServiceScopeFactory scopes,
    IOptions<BootstrapOptions> options,
    ILogger<StaffBootstrapper> logger) : IStartupTask
{
    /// <summary>Before the demo: the configured first admin exists before the demo adds its staff beside them.</summary>
    public int Order => 200;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        if (await accounts.AnyAsync(cancellationToken))
        {
            return;
        }

        var (email, password) = (options.Value.AdminEmail, options.Value.AdminPassword);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning("There is no user and Bootstrap:AdminEmail / Bootstrap:AdminPassword are not set: nobody can sign in");
            return;
        }

        var result = await accounts.CreateAsync(new StaffInput { Email = email, DisplayName = "Administrator", Password = password, Roles = [Roles.Admin] });
        if (result.Succeeded)
        {
            logger.LogInformation("Created the first administrator, {Email}", email);
        }
        else
        {
            logger.LogError("Could not create the first administrator {Email}: {Errors}", email, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        }
    }
}
