using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;

namespace Microsoft.Extensions.DependencyInjection;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>Email workflows: enrolment from client events, the day counts they wait for, their tracked links and unsubscribe, and the demo's two sequences.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddClientEventHandler<EnrolmentHandler>();
        services.AddSingleton<ILeadInactivityDays, WorkflowInactivityDays>();
        services.AddSingleton<EmailTracking>();
        services.AddDemoPart<DemoWorkflowsPart>();
        return services;
    }
}
