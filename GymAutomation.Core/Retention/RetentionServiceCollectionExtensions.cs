using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Retention alerts: the rules and their defaults, the daily scan and its job, staff's actions, explanations, the check-in that resolves at once, and the staff's morning digest and its job.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IStartupTask, RetentionDefaultsTask>();
        services.AddSingleton<RetentionScan>();
        services.AddSingleton<IWorkflowHolds, RetentionCaseHolds>();
        services.AddSingleton<RetentionAlerts>();
        services.AddSingleton<IInterceptor, AlertClosedInterceptor>();
        services.AddSingleton<AlertBoard>();
        services.AddSingleton<RetentionSaves>();
        services.AddSingleton<AlertExplanation>();
        services.AddGymJob<CheckRetentionAlertsJob>(CheckRetentionAlertsJob.JobName, "0 8 * * *");
        services.AddSingleton<RetentionRules>();
        services.AddSingleton<RulesReport>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<RetentionDigests>();
        services.AddGymJob<SendRetentionNotificationsJob>(SendRetentionNotificationsJob.JobName, "30 8 * * *");
        services.AddClientEventHandler<CheckInHandler>();
        services.AddDemoPart<DemoRetentionPart>();
        return services;
    }
}
