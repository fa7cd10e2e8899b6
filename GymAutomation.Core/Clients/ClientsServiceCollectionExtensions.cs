using GymAutomation.Core.Clients;

namespace Microsoft.Extensions.DependencyInjection;

public static class ClientsServiceCollectionExtensions
{
    public static IServiceCollection AddClients(this IServiceCollection services)
    {
        services.AddSingleton<ClientService>();
        services.AddSingleton<ClientDirectory>();
        services.AddSingleton<FrontDesk>();
        return services;
    }
}
