using GymAutomation.Core.Staff;

namespace GymAutomation.Tests.Support;

/// <summary>The app on Kestrel with the demo gym seeded on its first run, as a fresh install is, for a browser test class.</summary>
public sealed class DemoGymServer : IAsyncLifetime
{
    public GymAppFactory App { get; } = new()
    {
        Settings =
        {
            ["Gym:Name"] = "Demo Gym",
            ["Demo:SeedOnFirstRun"] = "true",
            ["Bootstrap:AdminEmail"] = DemoStaff.AdminEmail,
            ["Bootstrap:AdminPassword"] = DemoStaff.AdminPassword,
        },
    };

    public Uri BaseUrl { get; private set; } = null!;

    public Task InitializeAsync()
    {
        BaseUrl = App.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
