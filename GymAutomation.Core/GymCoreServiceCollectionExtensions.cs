using GymAutomation.Core.Calendar;
using GymAutomation.Core.Campaigns;
using GymAutomation.Core.ClientLists;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Diagnostics;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Forecast;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Core.Integrations;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Timeline;
using GymAutomation.Core.Workflows;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class GymCoreServiceCollectionExtensions
{
    /// <summary>Everything Core offers: the kernel, then the features from the bottom layer up, then the read models.</summary>
    public static IServiceCollection AddGymCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddGymClock();
        services.AddGymData(configuration, contentRoot);
        services.AddLiveFeed(configuration);
        services.AddClientEvents();
        services.AddDemo();
        services.AddEmail(contentRoot);
        services.AddStaff();
        services.AddClients();
        services.AddJobs();
        services.AddImport(contentRoot);
        services.AddIntegrations();
        services.AddCalendar();
        services.AddWorkflows();
        services.AddScoring();
        services.AddSegments();
        services.AddCampaigns();
        services.AddRetention();
        services.AddClientLists();
        services.AddTimeline();
        services.AddDashboard();
        services.AddDiagnostics();
        services.AddForecast();
        return services;
    }
}
