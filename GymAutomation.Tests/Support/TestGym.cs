using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GymAutomation.Tests.Support;

/// <summary>
/// Core's services over a real database of their own (a SQLite file, or a PostgreSQL database: <see cref="TestDatabases"/>), migrated, with time under the test's control.
/// One per test; disposing it deletes the database.
/// </summary>
public sealed class TestGym : IAsyncDisposable
{
    private readonly string directory;
    private readonly string connectionString;

    private TestGym(string directory, string connectionString, ServiceProvider services, FakeTimeProvider time)
    {
        this.directory = directory;
        this.connectionString = connectionString;
        Services = services;
        Time = time;
    }

    /// <summary>Tuesday 10:00 in Madrid; tests that care about the day set their own.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The database's connection string, for reading it behind the services' back.</summary>
    public string ConnectionString => connectionString;

    public GymClock Clock => Services.GetRequiredService<GymClock>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public GymDbContext CreateDb() => Services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContext();

    public static async Task<TestGym> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gym-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = TestDatabases.OnPostgres ? await TestDatabases.CreatePostgresAsync() : await CreateSqliteAsync(directory);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = TestDatabases.Provider.ToString(),
                ["ConnectionStrings:Gym"] = connectionString,
                ["Gym:TimeZone"] = "Europe/Madrid",
                ["Gym:Name"] = "Test Gym",
                // Tests start from an empty gym; the demo's own tests turn this back on.
                ["Demo:SeedOnFirstRun"] = "false",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var time = new FakeTimeProvider(DefaultNow);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddGymCore(configuration, directory);
        services.AddSingleton<TimeProvider>(time);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        // Only the migrator (and the start-up tasks it runs): the app's other hosted services, Coravel's scheduler among them, need a host.
        await ActivatorUtilities.CreateInstance<DatabaseMigrator>(provider).StartAsync(CancellationToken.None);

        return new TestGym(directory, connectionString, provider, time);
    }

    private static async Task<string> CreateSqliteAsync(string directory)
    {
        var path = Path.Combine(directory, "gym.db");
        await TestDatabases.CreateSqliteAsync(path);
        return $"Data Source={path};Pooling=False";
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (TestDatabases.OnPostgres)
        {
            await TestDatabases.DropPostgresAsync(connectionString);
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left to the temp folder's cleaner.
        }
    }
}
