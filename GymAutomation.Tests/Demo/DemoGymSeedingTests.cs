using GymAutomation.Core.Clients;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace GymAutomation.Tests.Demo;

/// <summary>When the demo is seeded, and that applying it again adds only what is missing.</summary>
public sealed class DemoGymSeedingTests(SeededDemoGym firstRun, ITestOutputHelper output) : IClassFixture<SeededDemoGym>
{
    private static readonly Dictionary<string, string?> SeedOnStart = new() { ["Demo:SeedOnStart"] = "true" };

    [Fact]
    public async Task Seeding_again_adds_nothing_and_puts_back_a_deleted_client_as_it_was()
    {
        await using var gym = await TestGym.StartAsync(SeedOnStart);
        var seeded = await DemoSnapshot.TakeAsync(gym);
        Assert.Equal(firstRun.Data.DemoLines(), seeded.DemoLines());

        var again = await gym.Get<DemoGym>().ApplyAsync();
        output.WriteLine($"Second run: {again} in {again.Elapsed.TotalMilliseconds:0} ms");
        Assert.False(again.AddedAnything, again.ToString());
        Assert.Equal(seeded.Counts, (await DemoSnapshot.TakeAsync(gym)).Counts);

        var regular = seeded.Of(DemoPersona.Regular).First();
        await using (var db = gym.CreateDb())
        {
            await db.Clients.Where(c => c.Id == regular.Id).ExecuteDeleteAsync();
        }

        var repair = await gym.Get<DemoGym>().ApplyAsync();
        Assert.Equal(1, repair.CountOf("clients"));
        Assert.Equal(seeded.Visits[regular.Id].Count(), repair.CountOf("visits"));
        Assert.Equal(seeded.DemoLines(), (await DemoSnapshot.TakeAsync(gym)).DemoLines());
    }

    [Fact]
    public async Task Seeding_a_gym_without_a_bootstrap_admin_creates_all_four_users_and_reports_what_it_added()
    {
        await using var gym = await TestGym.StartAsync();
        var report = await gym.Get<DemoGym>().ApplyAsync();
        output.WriteLine($"Seeded {report} in {report.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(DemoCast.Size, report.CountOf("clients"));
        Assert.Equal(DemoStaff.Accounts.Count, report.CountOf("staff users"));
        Assert.Equal(firstRun.Data.Counts[1], report.CountOf("visits"));
    }

    [Fact]
    public async Task Without_first_run_seeding_an_empty_database_stays_empty()
    {
        await using var gym = await TestGym.StartAsync(new Dictionary<string, string?> { ["Demo:SeedOnFirstRun"] = "false" });
        await using var db = gym.CreateDb();
        Assert.False(await db.Clients.AnyAsync());
        Assert.False(await db.Users.AnyAsync());
    }

    // Restarts the app over a SQLite file of its own.
    [Trait("Provider", "Sqlite")]
    [Fact]
    public async Task First_run_seeding_leaves_a_gym_with_clients_alone_and_seed_on_start_adds_the_demo_to_it()
    {
        using var database = new SharedDatabase();
        var someoneElse = DemoIdentity.For(1);
        var takenEmail = $"{someoneElse.EmailLocalPart}@{someoneElse.EmailDomain}";
        await using (var before = await TestGym.StartAsync(database.Settings()))
        {
            var created = await before.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", LastName = "Existing", Email = takenEmail });
            Assert.True(created.Succeeded);
        }

        await using (var firstRunOnly = await TestGym.StartAsync(database.Settings(("Demo:SeedOnFirstRun", "true"))))
        {
            await using var db = firstRunOnly.CreateDb();
            Assert.Equal(1, await db.Clients.CountAsync());
        }

        await using var gym = await TestGym.StartAsync(database.Settings(("Demo:SeedOnStart", "true")));
        var data = await DemoSnapshot.TakeAsync(gym);
        Assert.Equal(DemoCast.Size + 1, data.Clients.Count);
        Assert.Single(data.Clients, c => c.ExternalId is null && c.Email == takenEmail);
        var emails = data.Clients.Where(c => c.Email is not null).Select(c => c.Email!).ToList();
        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(DemoCast.Size, data.Clients.Count(c => DemoCast.PersonaOf(c.ExternalId) is not null));
    }

    /// <summary>A database file that outlives one <see cref="TestGym"/>, so several can start on it in turn.</summary>
    private sealed class SharedDatabase : IDisposable
    {
        private readonly string directory = Path.Combine(Path.GetTempPath(), "gym-tests", Guid.NewGuid().ToString("N"));

        public SharedDatabase() => Directory.CreateDirectory(directory);

        public Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
        {
            var settings = new Dictionary<string, string?> { ["ConnectionStrings:Gym"] = $"Data Source={Path.Combine(directory, "gym.db")};Pooling=False" };
            foreach (var (key, value) in more)
            {
                settings[key] = value;
            }

            return settings;
        }

        public void Dispose() => Directory.Delete(directory, recursive: true);
    }
}
