using GymAutomation.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Clients;

public static class ClientsServiceCollectionExtensions
{
    public static IServiceCollection AddClients(this IServiceCollection services)
    {
        services.AddSingleton<ClientService>();
        services.AddSingleton<FrontDesk>();
        services.AddDemoPart<DemoClientsPart>();
        return services;
    }
}
