using GymAutomation.Core.Timeline;

namespace Microsoft.Extensions.DependencyInjection;

public static class TimelineServiceCollectionExtensions
{
    public static IServiceCollection AddTimeline(this IServiceCollection services)
    {
        services.AddSingleton<ClientTimeline>();
        return services;
    }
}
