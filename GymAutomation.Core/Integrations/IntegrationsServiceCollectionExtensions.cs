using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Integrations;

public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>What the gym's other systems use through the HTTP API: its keys, the web-form lead intake and the event intake.</summary>
    public static IServiceCollection AddIntegrations(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<LeadIntake>();
        services.AddSingleton<EventIntake>();
        return services;
    }
}
