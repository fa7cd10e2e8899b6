using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GymAutomation.Benchmarks;

/// <summary>
/// The whole app, in Production mode, on a real Kestrel port over a fresh SQLite file; a scenario may add settings
/// and replace services.
/// </summary>
public sealed class BenchmarkHost(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<global::Program>
{
    public const string DisplayKey = "benchmark-display";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "gym-bench", Guid.NewGuid().ToString("N"));

    public Uri BaseUrl { get; private set; } = null!;

    public Uri Start()
    {
        Directory.CreateDirectory(directory);
        UseKestrel(0);
        StartServer();
        BaseUrl = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return BaseUrl;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        var defaults = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Gym"] = $"Data Source={Path.Combine(directory, "gym.db")}",
            ["Demo:SeedOnFirstRun"] = "false",
            ["Email:PickupDirectory"] = Path.Combine(directory, "mail-pickup"),
            ["Api:PermitPerSecond"] = "1000000",
            ["Api:Burst"] = "1000000",
            ["Live:DisplayKeys:0"] = DisplayKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in defaults.Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp folder's cleaner.
        }
    }
}
