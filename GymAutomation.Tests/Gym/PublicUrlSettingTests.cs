using GymAutomation.Core.Gym;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Gym;

/// <summary><c>Gym:PublicUrl</c> is the address every link starts with; a settings file that still says <c>Workflows:PublicUrl</c> keeps working and is told to rename it.</summary>
public sealed class PublicUrlSettingTests
{
    [Fact]
    public void Gym_PublicUrl_is_the_address_and_wins_over_the_old_name()
    {
        var (options, warnings) = Read(new() { ["Gym:PublicUrl"] = "https://gym.example.com", ["Workflows:PublicUrl"] = "https://old.example.com" });

        Assert.Equal("https://gym.example.com", options.PublicUrl);
        Assert.Empty(warnings);
    }

    [Fact]
    public void The_old_name_alone_is_still_read_and_the_log_says_to_rename_it()
    {
        var (options, warnings) = Read(new() { ["Workflows:PublicUrl"] = "https://old.example.com" });

        Assert.Equal("https://old.example.com", options.PublicUrl);
        Assert.Contains("Workflows:PublicUrl", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_either_the_address_is_the_local_one()
    {
        var (options, warnings) = Read([]);

        Assert.Equal("http://localhost:5081", options.PublicUrl);
        Assert.Empty(warnings);
    }

    private static (GymOptions Options, List<string> Warnings) Read(Dictionary<string, string?> settings)
    {
        var warnings = new List<string>();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging(logging => logging.AddProvider(new WarningsProvider(warnings)))
            .AddGymClock();
        using var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IOptions<GymOptions>>().Value, warnings);
    }

    private sealed class WarningsProvider(List<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new WarningsLogger(warnings);

        public void Dispose()
        {
        }
    }

    private sealed class WarningsLogger(List<string> warnings) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                warnings.Add(formatter(state, exception));
            }
        }
    }
}
