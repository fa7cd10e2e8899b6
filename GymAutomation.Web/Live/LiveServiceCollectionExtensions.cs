using System.Text.Json.Serialization;
using GymAutomation.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.DependencyInjection;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// The live hub for screens outside the app, its relay from the live feed, and who may connect. With
    /// <c>ConnectionStrings:Redis</c> the hub runs on SignalR's Redis backplane, so a message sent on one instance
    /// reaches the screens connected to any.
    /// </summary>
    public static IServiceCollection AddGymLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section);
        var signalR = services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.AbortOnConnectFail = false);
        }

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, LiveScreenAuthenticationHandler>(LiveScreenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(LiveScreenAuthenticationHandler.AddPolicy);
        services.AddHostedService<LiveHubRelay>();
        services.AddSingleton<LiveConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveConnections>());
        return services;
    }

    public static IEndpointRouteBuilder MapGymLive(this IEndpointRouteBuilder endpoints)
    {
        // A screen that is refused gets its 401 as it is, not the not-found page that status code pages would re-execute.
        endpoints.MapHub<LiveHub>(LiveHub.Path)
            .RequireAuthorization(LiveScreenAuthenticationHandler.Policy)
            .WithMetadata(new SkipStatusCodePagesAttribute());
        return endpoints;
    }
}
