using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Staff;

/// <summary>Lists, creates, edits and deactivates the people who sign in. Scoped: it uses Identity's user manager.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
{
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var roleNames = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var byUser = roleNames.ToLookup(r => r.UserId, r => r.Name!);
        var all = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        return all
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(u => new StaffMember(u.Id, u.Email ?? "", u.DisplayName, u.IsActive,
                byUser[u.Id].OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList(), u.CreatedAt,
                u.LockoutEnd > clock.UtcNow ? u.LockoutEnd : null))
            .ToList();
    }

    /// <summary>Active staff who can be given work (alerts, leads), by name.</summary>
    public async Task<IReadOnlyList<(string Id, string DisplayName)>> ListAssignableAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase).Select(r => (r.Id, r.DisplayName)).ToList();
    }

    public async Task<SaveResult<StaffUser>> CreateAsync(StaffInput input)
    {
        var errors = Validate(input);
        if (string.IsNullOrEmpty(input.Password))
        {
            errors[nameof(StaffInput.Password)] = [ValidationText.Required];
        }

        if (errors.Count == 0 && await users.FindByEmailAsync(input.Email.Trim()) is not null)
        {
            errors[nameof(StaffInput.Email)] = [ValidationText.EmailInUse];
        }

        if (errors.Count > 0)
        {
            return SaveResult<StaffUser>.Invalid(errors);
        }

        var user = new StaffUser
        {
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(),
            CreatedAt = clock.UtcNow,
        };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            return SaveResult<StaffUser>.Invalid(IdentityErrors(created));
        }

        await users.AddToRolesAsync(user, input.Roles);
        return SaveResult<StaffUser>.Ok(user);
    }

    public async Task<SaveResult<StaffUser>> UpdateAsync(string userId, StaffInput input)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return SaveResult<StaffUser>.Invalid("", ValidationText.RecordNotFound);
        }

        var errors = Validate(input);
        if (errors.Count == 0 && await users.FindByEmailAsync(input.Email.Trim()) is { } other && other.Id != userId)
        {
            errors[nameof(StaffInput.Email)] = [ValidationText.EmailInUse];
        }

        if (errors.Count > 0)
        {
            return SaveResult<StaffUser>.Invalid(errors);
        }

        user.DisplayName = input.DisplayName.Trim();
        user.Email = user.UserName = input.Email.Trim();
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return SaveResult<StaffUser>.Invalid(IdentityErrors(updated));
        }

        if (!string.IsNullOrEmpty(input.Password))
        {
            await users.RemovePasswordAsync(user);
            var password = await users.AddPasswordAsync(user, input.Password);
            if (!password.Succeeded)
            {
                return SaveResult<StaffUser>.Invalid(IdentityErrors(password));
            }
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(input.Roles));
        await users.AddToRolesAsync(user, input.Roles.Except(current));
        return SaveResult<StaffUser>.Ok(user);
    }

    /// <summary>Deactivates (or reactivates) a user. A deactivated user's open sessions end at their next check.</summary>
    public async Task<bool> SetActiveAsync(string userId, bool active)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return false;
        }

        user.IsActive = active;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        return true;
    }

    private static Dictionary<string, string[]> Validate(StaffInput input)
    {
        var errors = InputValidation.Validate(input);
        if (input.Roles.Count == 0 || input.Roles.Any(r => !Roles.All.Contains(r)))
        {
            errors[nameof(StaffInput.Roles)] = [ValidationText.Required];
        }

        return errors;
    }

    private static Dictionary<string, string[]> IdentityErrors(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(StaffInput.Password) : nameof(StaffInput.Email))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
