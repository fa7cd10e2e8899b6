using GymAutomation.Core.Resources;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Staff;

/// <summary>NIST SP 800-63B's rules as the staff form and the command line apply them: length, not character classes; no common password.</summary>
public sealed class PasswordPolicyTests : IAsyncLifetime
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

    [Theory]
    [InlineData("Password1")]
    [InlineData("Password1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("123456789012")]
    [InlineData("P@ssw0rd2026!")]
    [InlineData("  Iloveyou!!!!!  ")]
    [InlineData("GymAutomation2026")]
    [InlineData("ana.lopez.2026!")]
    public async Task A_common_password_or_a_word_of_the_gym_or_account_with_digits_around_it_is_refused(string password)
    {
        var result = await Accounts.CreateAsync(Input("ana.lopez@gym.test", password));

        Assert.Contains(ValidationText.PasswordTooCommon, result.Errors[nameof(StaffInput.Password)]);
        Assert.Empty(await Accounts.ListAsync());
    }

    [Fact]
    public async Task A_short_password_is_refused_whatever_characters_it_mixes()
    {
        var result = await Accounts.CreateAsync(Input("ana@gym.test", "Xk7#qL9!mZ2"));

        Assert.Equal(["Use at least 12 characters."], result.Errors[nameof(StaffInput.Password)]);
    }

    [Fact]
    public async Task A_password_containing_the_email_is_refused_also_when_the_email_changes_with_it()
    {
        var created = await Accounts.CreateAsync(Input("ana@gym.test", "orange tractor velvet"));
        var admin = await Accounts.CreateAsync(Input("boss@gym.test", "purple kettle canyon", Roles.Admin));

        var refused = await Accounts.CreateAsync(Input("luis@gym.test", "my LUIS@GYM.TEST login"));
        var renamed = await Accounts.UpdateAsync(created.Value!.Id, Input("ana.perez@gym.test", "ana.perez@gym.test rocks"), admin.Value!.Id);

        Assert.Equal([ValidationText.PasswordContainsEmail], refused.Errors[nameof(StaffInput.Password)]);
        Assert.Equal([ValidationText.PasswordContainsEmail], renamed.Errors[nameof(StaffInput.Password)]);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("alllowercaseletters")]
    [InlineData("814706395226")]
    public async Task A_long_uncommon_password_needs_no_digit_capital_or_symbol(string password)
    {
        var result = await Accounts.CreateAsync(Input("ana@gym.test", password));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
    }

    [Fact]
    public async Task The_demo_accounts_meet_the_policy()
    {
        foreach (var account in DemoStaff.Accounts)
        {
            var result = await Accounts.CreateAsync(new StaffInput { Email = account.Email, DisplayName = account.DisplayName, Password = account.Password, Roles = [account.Role] });
            Assert.True(result.Succeeded, $"{account.Email}: {string.Join("; ", result.Errors.SelectMany(e => e.Value))}");
        }
    }

    private static StaffInput Input(string email, string password, string role = Roles.Staff) =>
        new() { Email = email, DisplayName = email, Password = password, Roles = [role] };
}
