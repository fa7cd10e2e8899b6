using System.Net;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Staff;

/// <summary>The counting behind the sign-in limits, over a real database with time under the test's control.</summary>
public sealed class SignInLimitsTests : IAsyncLifetime
{
    private TestGym gym = null!;

    private SignInLimits Limits => gym.Get<SignInLimits>();

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    public void An_address_is_counted_as_itself_and_an_ipv6_one_by_its_64_network(string address, string key) =>
        Assert.Equal(key, SignInLimits.AddressKey(IPAddress.Parse(address)));

    [Fact]
    public async Task A_lockout_ends_after_its_minutes_and_counting_starts_again()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.False(await Limits.RecordFailureAsync("ana@gym.test", "203.0.113.9"));
        }

        Assert.True(await Limits.RecordFailureAsync("ana@gym.test", "203.0.113.9"));
        gym.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.True(await Limits.IsLockedAsync("ana@gym.test", "203.0.113.9"));
        Assert.False(await Limits.IsLockedAsync("ana@gym.test", "198.51.100.1"));

        gym.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await Limits.IsLockedAsync("ana@gym.test", "203.0.113.9"));
        Assert.Empty(await Limits.ListLockedAsync());
        Assert.False(await Limits.RecordFailureAsync("ana@gym.test", "203.0.113.9"));
    }

    [Fact]
    public async Task A_success_forgets_the_pairs_failures_but_not_the_addresss()
    {
        for (var i = 0; i < 4; i++)
        {
            await Limits.RecordFailureAsync("ana@gym.test", "203.0.113.9");
        }

        await Limits.ForgetAsync("ana@gym.test", "203.0.113.9");
        for (var i = 0; i < 4; i++)
        {
            Assert.False(await Limits.RecordFailureAsync("ana@gym.test", "203.0.113.9"));
        }

        Assert.Empty(await Limits.ListLockedAsync());
        for (var i = 0; i < 12; i++)
        {
            await Limits.RecordFailureAsync($"other{i}@gym.test", "203.0.113.9");
        }

        var lockout = Assert.Single(await Limits.ListLockedAsync());
        Assert.Equal(("", "203.0.113.9", 20), (lockout.Email, lockout.Address, lockout.Failures));
    }
}
