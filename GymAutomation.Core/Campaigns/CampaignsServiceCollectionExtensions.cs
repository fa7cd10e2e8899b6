using GymAutomation.Core.Demo;
using GymAutomation.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Campaigns;

public static class CampaignsServiceCollectionExtensions
{
    /// <summary>One-off campaigns to a segment: writing and scheduling them, the <c>send-campaigns</c> job that launches them, and the demo's two.</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddSingleton<Campaigns>();
        services.AddSingleton<CampaignLauncher>();
        services.AddGymJob<SendCampaignsJob>(SendCampaignsJob.JobName, "*/5 * * * *");
        services.AddDemoPart<DemoCampaignsPart>();
        return services;
    }
}
