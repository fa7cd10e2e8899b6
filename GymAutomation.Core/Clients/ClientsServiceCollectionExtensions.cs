using GymAutomation.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Clients;

public static class ClientsServiceCollectionExtensions
{
    public static IServiceCollection AddClients(this IServiceCollection services)
    {
        services.AddSingleton<ClientService>();
        services.AddSingleton<FrontDesk>();
        services.AddOptions<FreezeOptions>().BindConfiguration(FreezeOptions.Section);
        services.AddSingleton<Freezes>();
        services.AddDemoPart<DemoClientsPart>();
        services.AddDemoPart<DemoFreezesPart>();
        return services;
    }
}
