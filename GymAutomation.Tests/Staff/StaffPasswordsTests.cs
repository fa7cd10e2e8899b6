using GymAutomation.Core.Staff;
using Microsoft.AspNetCore.Identity;

namespace GymAutomation.Tests.Staff;

public sealed class StaffPasswordsTests
{
    [Fact]
    public void Generated_passwords_meet_a_policy_stricter_than_the_apps_and_never_repeat()
    {
        var policy = new PasswordOptions { RequiredLength = 24, RequireNonAlphanumeric = true, RequiredUniqueChars = 12 };

        var passwords = Enumerable.Range(0, 50).Select(_ => StaffPasswords.Generate(policy)).ToList();

        Assert.All(passwords, p =>
        {
            Assert.True(p.Length >= 24, p);
            Assert.True(p.Any(char.IsLower) && p.Any(char.IsUpper) && p.Any(char.IsDigit) && p.Any(c => !char.IsLetterOrDigit(c)), p);
            Assert.True(p.Distinct().Count() >= 12, p);
        });
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }
}
