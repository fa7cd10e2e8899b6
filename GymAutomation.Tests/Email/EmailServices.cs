using GymAutomation.Core.Email;
using GymAutomation.Core.Gym;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GymAutomation.Tests.Email;

/// <summary>Core's email services alone, wired as the app wires them, from the given settings, with time under the test's control.</summary>
internal sealed class EmailServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private EmailServices(IDictionary<string, string?> settings)
    {
        ContentRoot = Path.Combine(Path.GetTempPath(), "gym-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(ContentRoot);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Gym:Name"] = "Test Gym" })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGymClock();
        services.AddEmail(ContentRoot);
        services.AddSingleton<TimeProvider>(Time);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A folder of this test's own, which the app would call its content root.</summary>
    public string ContentRoot { get; }

    public EmailOptions Options => provider.GetRequiredService<IOptions<EmailOptions>>().Value;

    public IEmailTransport Transport => provider.GetRequiredService<IEmailTransport>();

    public SmtpEmailTransport Smtp => Assert.IsType<SmtpEmailTransport>(Transport);

    public static EmailServices Start(IDictionary<string, string?>? settings = null) => new(settings ?? new Dictionary<string, string?>());

    /// <summary>The SMTP transport to a server on the loopback, unencrypted, as a test server speaks.</summary>
    public static EmailServices StartSmtp(int port, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(),
            ["Email:Smtp:Security"] = "None",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new EmailServices(all);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        try
        {
            Directory.Delete(ContentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp folder's cleaner.
        }
    }
}
