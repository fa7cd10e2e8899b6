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
        // Start-up tasks run in registration order: the demo, when it seeds, creates the engines' defaults itself,
        // dated to the start of its history, before the engines' own start-up tasks find them there.
        services.AddDemo();
        services.AddClientEvents();
        services.AddClients();
        services.AddScoring();
        services.AddWorkflows();
        services.AddRetention();
        services.AddTimeline();
        services.AddDashboard();
        services.AddIntegrations();
        services.AddImport(contentRoot);
        return services;
    }
}
