using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Staff;

public sealed class BootstrapTests
{
    // Restarts the app over a SQLite file of its own.
    [Trait("Provider", "Sqlite")]
    [Fact]
    public async Task An_empty_database_gets_the_configured_admin_once_across_restarts()
    {
        var directory = Directory.CreateTempSubdirectory("gym-bootstrap-");
        var connectionString = $"Data Source={Path.Combine(directory.FullName, "gym.db")}";
        try
        {
            StaffMember created;
            await using (var first = new GymAppFactory { Settings = { ["ConnectionStrings:Gym"] = connectionString } })
            {
                created = Assert.Single(await first.ListStaffAsync());
            }

            await using var second = new GymAppFactory { Settings = { ["ConnectionStrings:Gym"] = connectionString } };
            var afterRestart = Assert.Single(await second.ListStaffAsync());

            Assert.Equal(GymAppFactory.AdminEmail, created.Email);
            Assert.Equal([Roles.Admin], created.Roles);
            Assert.True(created.IsActive);
            Assert.Equal(created.Id, afterRestart.Id);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bootstrap_settings_add_nobody_once_the_database_has_users()
    {
        await using var first = new GymAppFactory();
        await first.CreateStaffAsync("front@test.gym", Roles.Staff);

        await using var restarted = new GymAppFactory
        {
            Settings =
            {
                ["ConnectionStrings:Gym"] = first.ConnectionString,
                ["Bootstrap:AdminEmail"] = "second-admin@test.gym",
            },
        };

        Assert.Equal([GymAppFactory.AdminEmail, "front@test.gym"], (await restarted.ListStaffAsync()).Select(s => s.Email).Order());
    }

    [Fact]
    public async Task The_bootstrap_admin_can_sign_in_and_open_admin_pages()
    {
        await using var app = new GymAppFactory();

        var client = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        using var staffPage = await client.GetAsync("/admin/staff");

        Assert.Equal(System.Net.HttpStatusCode.OK, staffPage.StatusCode);
    }
}
