using GymAutomation.Core.Clients;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.CommandLine;

/// <summary><c>seed-demo</c>: what <c>--seed-demo</c> does at start, then exit.</summary>
public sealed class SeedDemoCommandTests : IAsyncDisposable
{
    private readonly CommandLineGym gym = new();

    public ValueTask DisposeAsync() => gym.DisposeAsync();

    [Fact]
    public async Task Seed_demo_creates_the_database_applies_the_demo_gym_says_what_it_added_and_exits_0()
    {
        var result = await gym.RunAsync("seed-demo");

        Assert.Equal((0, ""), (result.Exit, result.Error));
        Assert.Matches($@"^Demo gym applied in \d+\.\d s\. Added: staff users \d, clients {DemoCast.Size}, .*\bmemberships \d+, visits \d+, .*\.$", Assert.Single(result.OutputLines));
        await using var db = gym.CreateDb();
        Assert.Equal(DemoCast.Size, await db.Clients.CountAsync());
        Assert.True(await db.Users.AnyAsync(u => u.Email == DemoStaff.Accounts[0].Email));
    }
}
