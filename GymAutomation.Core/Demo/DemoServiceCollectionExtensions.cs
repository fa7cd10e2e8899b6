using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;

namespace Microsoft.Extensions.DependencyInjection;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The demo gym: its settings, its parts, and the start-up task that seeds it. Call after <c>AddStaff()</c>.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddSingleton<DemoGym>();
        services.AddDemoPart<DemoStaffPart>();
        services.AddDemoPart<DemoClientsPart>();
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
