using GymAutomation.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The demo gym: its settings and the start-up task that seeds it; each feature adds its own part.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddSingleton<DemoGym>();
        services.AddSingleton<IStartupTask, DemoGymSeeder>();
        return services;
    }

    /// <summary>Adds a part to the demo gym; parts are scoped, so they may take Identity's managers or other scoped services.</summary>
    public static IServiceCollection AddDemoPart<TPart>(this IServiceCollection services)
        where TPart : class, IDemoPart
    {
        services.AddScoped<IDemoPart, TPart>();
        return services;
    }
}
