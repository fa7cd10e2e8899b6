using GymAutomation.Core.Live;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace GymAutomation.Tests.Cluster;

/// <summary>Without <c>ConnectionStrings:Redis</c> the app is one process, as it always was; with it, the hub uses the backplane.</summary>
public sealed class WithoutRedisTests
{
    [Fact]
    public async Task Without_a_redis_setting_nothing_connects_to_redis_and_the_live_feed_and_hub_stay_in_the_process()
    {
        await using var app = new GymAppFactory();

        Assert.Null(app.Services.GetService<IConnectionMultiplexer>());
        Assert.Null(app.Services.GetService<ILiveFeedLink>());
        Assert.IsType<DefaultHubLifetimeManager<LiveHub>>(app.Services.GetRequiredService<HubLifetimeManager<LiveHub>>());
    }

    [Fact]
    public async Task With_a_redis_setting_the_hub_runs_on_the_redis_backplane()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var app = new GymAppFactory { Settings = { ["ConnectionStrings:Redis"] = redis.ConnectionString } };

        Assert.IsType<RedisHubLifetimeManager<LiveHub>>(app.Services.GetRequiredService<HubLifetimeManager<LiveHub>>());
        Assert.NotNull(app.Services.GetService<ILiveFeedLink>());
    }
}
