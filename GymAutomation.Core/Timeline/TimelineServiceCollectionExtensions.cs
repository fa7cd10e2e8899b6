using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Timeline;

public static class TimelineServiceCollectionExtensions
{
    public static IServiceCollection AddTimeline(this IServiceCollection services)
    {
        services.AddSingleton<ClientTimeline>();
        return services;
    }
}
