using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Staff;

/// <summary>
/// Lists, creates, edits and deactivates the people who sign in.
/// Each write runs on a user manager of its own scope: in Blazor Server the caller's scope lives as long as
/// the circuit, and Identity's store would otherwise keep stale, tracked users in one long-lived context.
/// </summary>
public sealed class StaffAccounts(IServiceScopeFactory scopes, IDbContextFactory<GymDbContext> dbFactory, GymClock clock, StaffSessions sessions)
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
        var now = clock.UtcNow;
        var locks = await db.SignInThrottles.AsNoTracking()
            .Where(t => t.Email != "" && t.LockedUntil > now)
            .Select(t => new { t.Email, t.LockedUntil })
            .ToListAsync(cancellationToken);
        var lockedUntil = locks.GroupBy(l => l.Email).ToDictionary(g => g.Key, g => g.Max(l => l.LockedUntil!.Value));
        return all
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(u => new StaffMember(u.Id, u.Email ?? "", u.DisplayName, u.IsActive,
                byUser[u.Id].OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList(), u.CreatedAt,
                lockedUntil.TryGetValue(SignInLimits.EmailKey(u.Email ?? ""), out var until) ? new DateTimeOffset(until) : null))
            .ToList();
    }

    /// <summary>Active staff who can be given work (alerts, leads), by name.</summary>
    public async Task<IReadOnlyList<(string Id, string DisplayName)>> ListAssignableAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase).Select(r => (r.Id, r.DisplayName)).ToList();
    }

    /// <summary>Creates a staff member with a password and at least one role; on any error nothing is written.</summary>
    public async Task<SaveResult<StaffUser>> CreateAsync(StaffInput input)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(),
            CreatedAt = clock.UtcNow,
        };

        var errors = Validate(input);
        if (string.IsNullOrEmpty(input.Password))
        {
            errors[nameof(StaffInput.Password)] = [ValidationText.Required];
        }
        else
        {
            await ValidatePasswordAsync(users, user, input.Password, errors);
        }

        if (!errors.ContainsKey(nameof(StaffInput.Email)) && await users.FindByEmailAsync(user.Email) is not null)
        {
            errors[nameof(StaffInput.Email)] = [ValidationText.StaffEmailInUse];
        }

        if (errors.Count > 0)
        {
            return SaveResult<StaffUser>.Invalid(errors);
        }

        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            return SaveResult<StaffUser>.Invalid(IdentityErrors(created));
        }

        var roles = await users.AddToRolesAsync(user, input.Roles);
        if (!roles.Succeeded)
        {
            await users.DeleteAsync(user);
            return SaveResult<StaffUser>.Invalid(IdentityErrors(roles));
        }

        return SaveResult<StaffUser>.Ok(user);
    }

    /// <summary>
    /// Changes name, email and roles, and the password when one is given (blank keeps it).
    /// <paramref name="actingUserId"/> is who makes the change: nobody can take the Admin role from themselves.
    /// </summary>
    public async Task<SaveResult<StaffUser>> UpdateAsync(string userId, StaffInput input, string actingUserId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return SaveResult<StaffUser>.Invalid("", ValidationText.RecordNotFound);
        }

        var errors = Validate(input);
        if (!string.IsNullOrEmpty(input.Password))
        {
            // Checked against the email the user will have, not the one they had.
            var renamed = new StaffUser { Id = user.Id, DisplayName = user.DisplayName, Email = input.Email.Trim(), UserName = input.Email.Trim() };
            await ValidatePasswordAsync(users, renamed, input.Password, errors);
        }

        if (!errors.ContainsKey(nameof(StaffInput.Email)) && await users.FindByEmailAsync(input.Email.Trim()) is { } other && other.Id != userId)
        {
            errors[nameof(StaffInput.Email)] = [ValidationText.StaffEmailInUse];
        }

        var currentRoles = await users.GetRolesAsync(user);
        if (userId == actingUserId && currentRoles.Contains(Roles.Admin) && !input.Roles.Contains(Roles.Admin))
        {
            errors[nameof(StaffInput.Roles)] = [ValidationText.CannotRemoveOwnAdmin];
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

        var removed = currentRoles.Except(input.Roles).ToList();
        var added = input.Roles.Except(currentRoles).ToList();
        await users.RemoveFromRolesAsync(user, removed);
        await users.AddToRolesAsync(user, added);

        // A new password or other rights end every session the user has open, here at once and in other processes
        // at their next check. Roles not for oneself: an admin keeps Admin, so their own change never takes a right away.
        if ((removed.Count > 0 || added.Count > 0) && userId != actingUserId)
        {
            await users.UpdateSecurityStampAsync(user);
            await sessions.RevokeAllAsync(userId, StaffSessionEnd.RolesChanged);
        }

        if (!string.IsNullOrEmpty(input.Password))
        {
            await sessions.RevokeAllAsync(userId, StaffSessionEnd.PasswordChanged);
        }

        return SaveResult<StaffUser>.Ok(user);
    }

    /// <summary>
    /// Deactivates (or reactivates) a user. A deactivated user's sessions are revoked: they end at once in this process,
    /// and in others at their next check.
    /// <paramref name="actingUserId"/> is who makes the change: nobody can deactivate themselves.
    /// </summary>
    public async Task<SaveResult<StaffUser>> SetActiveAsync(string userId, bool active, string actingUserId)
    {
        if (!active && userId == actingUserId)
        {
            return SaveResult<StaffUser>.Invalid("", ValidationText.CannotDeactivateSelf);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return SaveResult<StaffUser>.Invalid("", ValidationText.RecordNotFound);
        }

        user.IsActive = active;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return SaveResult<StaffUser>.Invalid("", string.Join(" ", updated.Errors.Select(e => e.Description)));
        }

        await users.UpdateSecurityStampAsync(user);
        if (!active)
        {
            await sessions.RevokeAllAsync(userId, StaffSessionEnd.Deactivated);
        }

        return SaveResult<StaffUser>.Ok(user);
    }

    private static Dictionary<string, string[]> Validate(StaffInput input)
    {
        var errors = InputValidation.Validate(input);
        if (input.Roles.Count == 0 || input.Roles.Any(r => !Roles.All.Contains(r)))
        {
            errors[nameof(StaffInput.Roles)] = [ValidationText.RoleRequired];
        }

        return errors;
    }

    /// <summary>Runs Identity's password rules before anything is written, so every error shows at once.</summary>
    private static async Task ValidatePasswordAsync(UserManager<StaffUser> users, StaffUser user, string password, Dictionary<string, string[]> errors)
    {
        var messages = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            messages.AddRange(result.Errors.Select(e => e.Description));
        }

        if (messages.Count > 0)
        {
            errors[nameof(StaffInput.Password)] = [.. messages];
        }
    }

    private static Dictionary<string, string[]> IdentityErrors(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(StaffInput.Password) : nameof(StaffInput.Email))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
