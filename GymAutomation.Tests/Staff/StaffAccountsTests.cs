using GymAutomation.Core.Data;
using GymAutomation.Core.Resources;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;


namespace GymAutomation.Tests.Staff;

public sealed class StaffAccountsTests : IAsyncLifetime
{
    private TestGym gym = null!;
    private AsyncServiceScope scope;

    private StaffAccounts Accounts => scope.ServiceProvider.GetRequiredService<StaffAccounts>();

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        scope = gym.Services.CreateAsyncScope();
    }

    public async Task DisposeAsync()
    {
        await scope.DisposeAsync();
        await gym.DisposeAsync();
    }

    [Fact]
    public async Task Create_saves_the_member_with_their_roles_and_the_creation_time()
    {
        var result = await Accounts.CreateAsync(Input("ana@gym.test", "Ana Pérez", Roles.Manager, Roles.Marketer));

        Assert.True(result.Succeeded);
        var member = Assert.Single(await Accounts.ListAsync());
        Assert.Equal(("ana@gym.test", "Ana Pérez", true), (member.Email, member.DisplayName, member.IsActive));
        Assert.Equal([Roles.Manager, Roles.Marketer], member.Roles);
        Assert.Equal(TestGym.DefaultNow.UtcDateTime, member.CreatedAt);
        Assert.Null(member.LockedOutUntil);
    }

    [Fact]
    public async Task Create_rejects_an_email_already_in_use_whatever_its_case()
    {
        await Accounts.CreateAsync(Input("ana@gym.test", "Ana", Roles.Staff));

        var result = await Accounts.CreateAsync(Input(" ANA@gym.test ", "Another Ana", Roles.Staff));

        Assert.Equal([ValidationText.StaffEmailInUse], result.Errors[nameof(StaffInput.Email)]);
        Assert.Single(await Accounts.ListAsync());
    }

    [Fact]
    public async Task Create_reports_every_invalid_field_at_once_and_writes_nothing()
    {
        var result = await Accounts.CreateAsync(new StaffInput { Email = "not-an-email", DisplayName = " ", Password = "short", Roles = [] });

        Assert.Equal([ValidationText.InvalidEmail], result.Errors[nameof(StaffInput.Email)]);
        Assert.Equal([ValidationText.Required], result.Errors[nameof(StaffInput.DisplayName)]);
        Assert.Equal([ValidationText.RoleRequired], result.Errors[nameof(StaffInput.Roles)]);
        Assert.Contains("Use at least 12 characters.", result.Errors[nameof(StaffInput.Password)]);
        Assert.Empty(await Accounts.ListAsync());
    }

    [Fact]
    public async Task Create_requires_a_password()
    {
        var input = Input("ana@gym.test", "Ana", Roles.Staff);
        input.Password = "";

        var result = await Accounts.CreateAsync(input);

        Assert.Equal([ValidationText.Required], result.Errors[nameof(StaffInput.Password)]);
        Assert.Empty(await Accounts.ListAsync());
    }

    [Fact]
    public async Task Create_rejects_a_role_that_does_not_exist()
    {
        var result = await Accounts.CreateAsync(Input("ana@gym.test", "Ana", "Owner"));

        Assert.True(result.Errors.ContainsKey(nameof(StaffInput.Roles)));
        Assert.Empty(await Accounts.ListAsync());
    }

    [Fact]
    public async Task Password_rules_read_in_the_users_language()
    {
        using var spanish = new CultureScope("es");
        var input = Input("ana@gym.test", "Ana", Roles.Staff);
        input.Password = "Password1";

        var result = await Accounts.CreateAsync(input);

        Assert.Equal(
            ["Usa al menos 12 caracteres.", "Esta contraseña es de las más comunes, o una palabra común o del gimnasio o la cuenta con dígitos o símbolos alrededor: elige una frase propia."],
            result.Errors[nameof(StaffInput.Password)]);
    }

    [Fact]
    public async Task Update_changes_name_email_and_roles_and_keeps_the_password_when_blank()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);
        var ana = await CreateAsync("ana@gym.test", Roles.Staff);

        var result = await Accounts.UpdateAsync(ana.Id, new StaffInput { Email = "ana.perez@gym.test", DisplayName = "Ana Pérez", Roles = [Roles.Manager] }, admin.Id);

        Assert.True(result.Succeeded);
        var member = (await Accounts.ListAsync()).Single(m => m.Id == ana.Id);
        Assert.Equal(("ana.perez@gym.test", "Ana Pérez"), (member.Email, member.DisplayName));
        Assert.Equal([Roles.Manager], member.Roles);
        Assert.True(await CheckPasswordAsync(ana.Id, Password));
    }

    [Fact]
    public async Task Update_with_a_new_password_replaces_it()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);
        var ana = await CreateAsync("ana@gym.test", Roles.Staff);

        var input = Input("ana@gym.test", "Ana", Roles.Staff);
        input.Password = "Brand.New.Pass9";

        var result = await Accounts.UpdateAsync(ana.Id, input, admin.Id);

        Assert.True(result.Succeeded);
        Assert.True(await CheckPasswordAsync(ana.Id, "Brand.New.Pass9"));
    }

    [Fact]
    public async Task Update_with_a_weak_password_changes_nothing()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);
        var ana = await CreateAsync("ana@gym.test", Roles.Staff);

        var input = Input("ana@gym.test", "Renamed", Roles.Manager);
        input.Password = "weak";

        var result = await Accounts.UpdateAsync(ana.Id, input, admin.Id);

        Assert.True(result.Errors.ContainsKey(nameof(StaffInput.Password)));
        var member = (await Accounts.ListAsync()).Single(m => m.Id == ana.Id);
        Assert.Equal(("ana@gym.test", Roles.Staff), (member.DisplayName, Assert.Single(member.Roles)));
        Assert.True(await CheckPasswordAsync(ana.Id, Password));
    }

    [Fact]
    public async Task Update_rejects_the_email_of_another_member()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);
        var ana = await CreateAsync("ana@gym.test", Roles.Staff);

        var result = await Accounts.UpdateAsync(ana.Id, Input("boss@gym.test", "Ana", Roles.Staff), admin.Id);

        Assert.Equal([ValidationText.StaffEmailInUse], result.Errors[nameof(StaffInput.Email)]);
    }

    [Fact]
    public async Task Changing_someones_roles_ends_their_open_sessions()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);
        var ana = await CreateAsync("ana@gym.test", Roles.Manager);
        var stampBefore = await SecurityStampAsync(ana.Id);

        await Accounts.UpdateAsync(ana.Id, Input("ana@gym.test", "Ana", Roles.Staff), admin.Id);

        Assert.NotEqual(stampBefore, await SecurityStampAsync(ana.Id));
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);

        var result = await Accounts.UpdateAsync(admin.Id, Input("boss@gym.test", "Renamed", Roles.Manager), admin.Id);

        Assert.Equal([ValidationText.CannotRemoveOwnAdmin], result.Errors[nameof(StaffInput.Roles)]);
        var member = Assert.Single(await Accounts.ListAsync());
        Assert.Equal("boss@gym.test", member.DisplayName);
        Assert.Equal([Roles.Admin], member.Roles);
    }

    [Fact]
    public async Task An_admin_can_edit_themselves_while_keeping_admin()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);

        var result = await Accounts.UpdateAsync(admin.Id, Input("boss@gym.test", "The Boss", Roles.Admin, Roles.Manager), admin.Id);

        Assert.True(result.Succeeded);
        Assert.Equal([Roles.Admin, Roles.Manager], Assert.Single(await Accounts.ListAsync()).Roles);
    }

    [Fact]
    public async Task An_admin_can_remove_the_admin_role_of_another_admin()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);
        var other = await CreateAsync("second@gym.test", Roles.Admin);

        var result = await Accounts.UpdateAsync(other.Id, Input("second@gym.test", "Second", Roles.Staff), admin.Id);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Deactivating_blocks_sign_in_and_reactivating_restores_it()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);
        var ana = await CreateAsync("ana@gym.test", Roles.Staff);
        var stampBefore = await SecurityStampAsync(ana.Id);

        var deactivated = await Accounts.SetActiveAsync(ana.Id, false, admin.Id);

        Assert.True(deactivated.Succeeded);
        Assert.False((await Accounts.ListAsync()).Single(m => m.Id == ana.Id).IsActive);
        Assert.NotEqual(stampBefore, await SecurityStampAsync(ana.Id));
        Assert.DoesNotContain(await Accounts.ListAssignableAsync(), a => a.Id == ana.Id);

        Assert.True((await Accounts.SetActiveAsync(ana.Id, true, admin.Id)).Succeeded);
        Assert.True((await Accounts.ListAsync()).Single(m => m.Id == ana.Id).IsActive);
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);

        var result = await Accounts.SetActiveAsync(admin.Id, false, admin.Id);

        Assert.Equal([ValidationText.CannotDeactivateSelf], result.Errors[""]);
        Assert.True(Assert.Single(await Accounts.ListAsync()).IsActive);
    }

    [Fact]
    public async Task Deactivating_someone_who_no_longer_exists_says_so()
    {
        var admin = await CreateAsync("boss@gym.test", Roles.Admin);

        var result = await Accounts.SetActiveAsync("missing", false, admin.Id);

        Assert.Equal([ValidationText.RecordNotFound], result.Errors[""]);
    }

    [Fact]
    public async Task The_sign_in_principal_carries_the_display_name()
    {
        var ana = await CreateAsync("ana@gym.test", Roles.Staff, "Ana Pérez");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>();

        var principal = await factory.CreateAsync((await users.FindByIdAsync(ana.Id))!);

        Assert.Equal("Ana Pérez", StaffClaims.NameOf(principal));
        Assert.Equal("ana@gym.test", principal.Identity?.Name);
        Assert.True(principal.IsInRole(Roles.Staff));
    }

    private const string Password = "Str0ng.Pass.2026";

    private static StaffInput Input(string email, string name, params string[] roles) =>
        new() { Email = email, DisplayName = name, Password = Password, Roles = roles };

    private async Task<StaffUser> CreateAsync(string email, string role, string? name = null)
    {
        var result = await Accounts.CreateAsync(Input(email, name ?? email, role));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.Value!;
    }

    private async Task<bool> CheckPasswordAsync(string userId, string password)
    {
        await using var fresh = gym.Services.CreateAsyncScope();
        var users = fresh.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await users.CheckPasswordAsync((await users.FindByIdAsync(userId))!, password);
    }

    private async Task<string?> SecurityStampAsync(string userId)
    {
        await using var fresh = gym.Services.CreateAsyncScope();
        var users = fresh.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await users.GetSecurityStampAsync((await users.FindByIdAsync(userId))!);
    }
}
