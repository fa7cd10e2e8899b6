using System.Net;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Support;

/// <summary>
/// The whole web app with its real pipeline (cookies, antiforgery, authorization, Blazor's server
/// rendering) over a database of its own (<see cref="TestDatabases"/>). <see cref="Settings"/> start with the test defaults below
/// and win over appsettings.json; a test changes them before the app starts
/// (<c>new GymAppFactory { Settings = { ["Demo:SeedOnFirstRun"] = "true" } }</c>). Disposing it deletes the database.
/// </summary>
public class GymAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.gym";
    public const string AdminPassword = "Test.Admin.2026";

    /// <summary>The password of every user made by <see cref="CreateStaffAsync"/>.</summary>
    public const string StaffPassword = "Test.Staff.2026";

    private readonly string directory;
    private readonly bool ownsDatabase;

    public GymAppFactory()
        : this(TestDatabases.OnPostgres ? TestDatabases.CreatePostgres() : null, ownsDatabase: TestDatabases.OnPostgres)
    {
    }

    /// <summary>
    /// One instance of a gym that several run on one PostgreSQL database (a cluster), whatever <c>GYM_TEST_PROVIDER</c>
    /// says: the database is the caller's to drop; everything else (files, the key ring's folder) is this instance's own.
    /// </summary>
    protected GymAppFactory(string postgresConnectionString)
        : this(postgresConnectionString, ownsDatabase: false)
    {
        Settings["Database:Provider"] = nameof(DatabaseProvider.Postgres);
        Settings["DataProtection:KeysPath"] = Path.Combine(directory, "keys");
    }

    private GymAppFactory(string? postgresConnectionString, bool ownsDatabase)
    {
        this.ownsDatabase = ownsDatabase;
        directory = Path.Combine(Path.GetTempPath(), "gym-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, "gym.db");
        if (postgresConnectionString is null)
        {
            TestDatabases.CreateSqliteAsync(DatabasePath).GetAwaiter().GetResult();
        }

        Settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = TestDatabases.Provider.ToString(),
            ["ConnectionStrings:Gym"] = postgresConnectionString ?? $"Data Source={DatabasePath}",
            ["Gym:Name"] = "Test Gym",
            ["Gym:TimeZone"] = "Europe/Madrid",
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Demo:SeedOnFirstRun"] = "false",
            ["Demo:SeedOnStart"] = "false",
            ["Email:PickupDirectory"] = Path.Combine(directory, "mail-pickup"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    /// <summary>The app's settings over appsettings.json; read when the app starts.</summary>
    public IDictionary<string, string?> Settings { get; }

    /// <summary>The database file of this factory (unless a setting pointed the app elsewhere).</summary>
    public string DatabasePath { get; }

    /// <summary>The connection string the app was given.</summary>
    public string ConnectionString => Settings["ConnectionStrings:Gym"]!;

    /// <summary>Starts the app on Kestrel at a free port of the loopback, for a browser, and returns its address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>Creates an active staff member with <see cref="StaffPassword"/> through Core's <see cref="StaffAccounts"/>.</summary>
    public async Task<StaffUser> CreateStaffAsync(string email, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var result = await accounts.CreateAsync(new StaffInput
        {
            Email = email,
            DisplayName = email.Split('@')[0],
            Password = StaffPassword,
            Roles = roles,
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        return result.Value!;
    }

    public async Task SetActiveAsync(string userId, bool active)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SetActiveAsync(userId, active, actingUserId: "test");
        Assert.True(result.Succeeded);
    }

    public async Task<IReadOnlyList<StaffMember>> ListStaffAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync();
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so a test sees every 302.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real login form.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string email, string password)
    {
        var client = CreateBrowserLikeClient();
        using var response = await LoginForm.PostAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Signing in as {email} answered {(int)response.StatusCode}: {LoginForm.Message(await response.Content.ReadAsStringAsync())}");
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Host settings reach the app's configuration before Program reads it (the connection string is read while services are added).
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (ownsDatabase)
        {
            await TestDatabases.DropPostgresAsync(ConnectionString);
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's cleaner.
        }
    }
}
