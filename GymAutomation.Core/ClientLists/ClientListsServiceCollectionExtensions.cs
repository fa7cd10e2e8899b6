using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.ClientLists;

public static class ClientListsServiceCollectionExtensions
{
    /// <summary>The client lists the desk, the API and the export read, each lead with its score.</summary>
    public static IServiceCollection AddClientLists(this IServiceCollection services) => services.AddSingleton<ClientDirectory>();
}
