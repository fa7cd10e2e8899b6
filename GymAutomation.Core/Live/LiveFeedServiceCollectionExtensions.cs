using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace GymAutomation.Core.Live;

public static class LiveFeedServiceCollectionExtensions
{
    /// <summary>
    /// The live feed; with <c>ConnectionStrings:Redis</c>, the one Redis connection of the instance (the web host's
    /// rate limit uses it too) and the feed's link to the other instances.
    /// </summary>
    public static IServiceCollection AddLiveFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<LiveFeed>();
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            var options = ConfigurationOptions.Parse(redis);
            // Redis may start after the app, or restart under it: connect in the background and keep trying; while it
            // is away a command fails at once (a live change is dropped, the API's limit counts in the process)
            // rather than queue and wait.
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            services.AddSingleton<RedisLiveFeedLink>();
            services.AddSingleton<ILiveFeedLink>(sp => sp.GetRequiredService<RedisLiveFeedLink>());
            services.AddHostedService<RedisLiveFeedListener>();
        }

        return services;
    }
}
