using GymAutomation.Core.Demo;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Segments;

public static class SegmentsServiceCollectionExtensions
{
    /// <summary>Segments: who a definition finds, the saved ones, the job that keeps their members and counts, the segments a workflow's trigger offers, and the demo's three.</summary>
    public static IServiceCollection AddSegments(this IServiceCollection services)
    {
        services.AddSingleton<SegmentAudience>();
        services.AddSingleton<SavedSegments>();
        services.AddSingleton<IWorkflowAudiences, WorkflowAudiences>();
        services.AddGymJob<RefreshSegmentsJob>(RefreshSegmentsJob.JobName, "*/15 * * * *");
        services.AddDemoPart<DemoSegmentsPart>();
        return services;
    }
}
