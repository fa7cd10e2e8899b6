using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Gym;
using Microsoft.AspNetCore.Identity;

namespace GymAutomation.Core.Staff;

/// <summary>One sign-in per role (<see cref="DemoStaff"/>). An account that exists (the bootstrap admin) is reused, never reset.</summary>
/// <remarks>
/// The user manager comes from the demo's scope, so its store writes on the demo's context, inside the demo's
/// transaction; a service that opened its own context would wait on that transaction's lock.
/// </remarks>
internal sealed class DemoStaffPart(UserManager<StaffUser> users, GymClock clock) : IDemoPart
{
    public int Order => DemoPartOrder.Staff;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var account in DemoStaff.Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                user = new StaffUser
                {
                    UserName = account.Email,
                    Email = account.Email,
                    EmailConfirmed = true,
                    DisplayName = account.DisplayName,
                    CreatedAt = clock.UtcNow,
                };
                EnsureSucceeded(await users.CreateAsync(user, account.Password), account);
                created++;
            }

            if (!await users.IsInRoleAsync(user, account.Role))
            {
                EnsureSucceeded(await users.AddToRoleAsync(user, account.Role), account);
            }
        }

        demo.Count("staff users", created);
    }

    private static void EnsureSucceeded(IdentityResult result, DemoStaffAccount account)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not set up the demo user {account.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
