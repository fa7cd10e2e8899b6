using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.CommandLine;

/// <summary><c>users create EMAIL ROLE [--password PASSWORD]</c>: the Staff page's rules, from a terminal.</summary>
public sealed class UsersCommandTests : IAsyncDisposable
{
    private readonly CommandLineGym gym = new();

    public ValueTask DisposeAsync() => gym.DisposeAsync();

    [Fact]
    public async Task With_a_password_it_creates_an_active_user_with_the_role_named_in_any_case_and_does_not_print_the_password()
    {
        var result = await gym.RunAsync("users", "create", "ana.lopez@test.gym", "manager", "--password", "Secret.Pass.2026");

        Assert.Equal((0, ""), (result.Exit, result.Error));
        Assert.Equal("Created ana.lopez@test.gym (ana.lopez) with the role Manager; active, can sign in now.", Assert.Single(result.OutputLines));
        var (user, roles) = await UserAsync("ana.lopez@test.gym");
        Assert.True(user.IsActive);
        Assert.Equal([Roles.Manager], roles);
        Assert.True(PasswordMatches(user, "Secret.Pass.2026"));
    }

    [Fact]
    public async Task Without_a_password_it_prints_a_generated_one_once_that_meets_the_policy_and_signs_in()
    {
        var result = await gym.RunAsync("users", "create", "front.desk@test.gym", "STAFF", "--name", "Front Desk");

        Assert.Equal((0, ""), (result.Exit, result.Error));
        Assert.Equal(3, result.OutputLines.Count);
        Assert.Contains("shown only this once", result.OutputLines[1], StringComparison.Ordinal);
        var password = result.OutputLines[2];
        Assert.Matches("^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9]).{20,}$", password);
        var (user, roles) = await UserAsync("front.desk@test.gym");
        Assert.Equal("Front Desk", user.DisplayName);
        Assert.Equal([Roles.Staff], roles);
        Assert.True(PasswordMatches(user, password));
    }

    [Fact]
    public async Task A_bad_role_a_bad_email_and_a_weak_password_are_each_printed_and_it_exits_1_creating_nobody()
    {
        var result = await gym.RunAsync("users", "create", "not-an-email", "Boss", "--password", "short");

        Assert.Equal((1, ""), (result.Exit, result.Output));
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("EMAIL: Enter a valid email address, like name@example.com.", errors[0]);
        Assert.Equal("ROLE: \"Boss\" is not a role: use Admin, Manager, Marketer, Staff.", errors[1]);
        Assert.Contains("--password: Use at least 12 characters.", errors);
        Assert.Equal("No user was created.", errors[^1]);
        await using var db = gym.CreateDb();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "not-an-email"));
    }

    [Fact]
    public async Task An_email_already_in_use_is_refused_with_exit_1()
    {
        Assert.Equal(0, (await gym.RunAsync("users", "create", "ana@test.gym", "Admin", "--password", "Secret.Pass.2026")).Exit);

        var again = await gym.RunAsync("users", "create", "ANA@test.gym", "Staff", "--password", "Other.Pass.2027");

        Assert.Equal((1, ""), (again.Exit, again.Output));
        Assert.StartsWith("EMAIL: Another staff member already uses this email.", again.Error, StringComparison.Ordinal);
        var (user, roles) = await UserAsync("ana@test.gym");
        Assert.Equal([Roles.Admin], roles);
        Assert.True(PasswordMatches(user, "Secret.Pass.2026"));
    }

    [Fact]
    public async Task The_connection_string_given_after_the_verb_is_the_database_it_writes_to()
    {
        var result = await gym.RunAsync("users", "create", "ana@test.gym", "Marketer", "--password", "Secret.Pass.2026");

        Assert.Equal(0, result.Exit);
        Assert.True(File.Exists(gym.DatabasePath));
        Assert.False(File.Exists(Path.Combine(gym.Folder, "App_Data", "gym.db")), "The verb used the default database, not the one it was given.");
        Assert.Equal([Roles.Marketer], (await UserAsync("ana@test.gym")).Roles);
    }

    private async Task<(StaffUser User, List<string> Roles)> UserAsync(string email)
    {
        await using var db = gym.CreateDb();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant());
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return (user, roles);
    }

    private static bool PasswordMatches(StaffUser user, string password) =>
        new PasswordHasher<StaffUser>().VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;
}
