using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class GymCoreServiceCollectionExtensions
{
    /// <summary>Everything Core offers, feature by feature.</summary>
    public static IServiceCollection AddGymCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddGymClock();
        services.AddGymData(configuration, contentRoot);
        services.AddJobs();
        services.AddEmail(contentRoot);
        services.AddStaff();
        services.AddClientEvents();
        services.AddClients();
        services.AddScoring();
        services.AddWorkflows();
        services.AddRetention();
        services.AddTimeline();
        services.AddDashboard();
        services.AddIntegrations();
        services.AddImport(contentRoot);
        services.AddDemo();
        return services;
    }
}
