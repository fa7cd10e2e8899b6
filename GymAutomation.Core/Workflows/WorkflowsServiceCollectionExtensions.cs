using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;

namespace Microsoft.Extensions.DependencyInjection;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>Email workflows: the template engine, open/click/unsubscribe tracking, enrolment from client events, the day counts they wait for, and the demo's two sequences.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<EmailTracking>();
        services.AddClientEventHandler<EnrolmentHandler>();
        services.AddSingleton<ILeadInactivityDays, WorkflowInactivityDays>();
        services.AddDemoPart<DemoWorkflowsPart>();
        return services;
    }
}
