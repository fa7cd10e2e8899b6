using GymAutomation.Core.Demo;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Workflows;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Email workflows: the template engine, open/click/unsubscribe tracking and the links emails carry, enrolment from
    /// client events (and the stage changes its interceptor records), by hand and from scoring, the editor, A/B tests, the engine and its <c>process-email-workflows</c> job, the member events of <c>check-members</c>, the day counts day-count workflows wait
    /// for, the reports staff read, and the demo's two sequences.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddOptions<WorkflowsOptions>().BindConfiguration(WorkflowsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<EmailTracking>();
        services.AddSingleton<EmailLinks>();
        services.AddSingleton<StepConditions>();
        services.AddSingleton<StepActions>();
        services.AddSingleton<AbTests>();
        services.AddSingleton<WorkflowEngine>();
        services.AddSingleton<WorkflowEditor>();
        services.AddSingleton<WorkflowReports>();
        services.AddSingleton<WorkflowOutcomes>();
        services.AddSingleton<StaffNotifications>();
        services.AddSingleton<Enrolments>();
        services.AddGymJob<ProcessEmailWorkflowsJob>(ProcessEmailWorkflowsJob.JobName, "0 9 * * *");
        services.AddClientEventHandler<EnrolmentHandler>();
        services.AddSingleton<IInterceptor, StageChangedInterceptor>();
        services.AddSingleton<WorkflowInactivityDays>();
        services.AddGymJob<CheckMembersJob>(CheckMembersJob.JobName, "15 10 * * *");
        services.AddDemoPart<DemoWorkflowsPart>();
        return services;
    }
}
