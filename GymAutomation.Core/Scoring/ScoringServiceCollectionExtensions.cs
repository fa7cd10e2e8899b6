using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Scoring;

public static class ScoringServiceCollectionExtensions
{
    /// <summary>Lead scoring: rules, the event handler, automations, the two jobs, recalculation and the demo's scores.</summary>
    public static IServiceCollection AddScoring(this IServiceCollection services)
    {
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RuleBook>();
        services.AddSingleton<ScoringRules>();
        services.AddSingleton<ScoringAutomations>();
        services.AddSingleton<LeadScores>();
        services.AddSingleton<ScoreRecalculation>();
        services.AddSingleton<IWorkflowScores, WorkflowScores>();
        services.AddSingleton<IStartupTask, ScoringDefaultsTask>();
        services.AddClientEventHandler<ScoringHandler>();
        services.AddGymJob<DecayLeadScoresJob>(DecayLeadScoresJob.JobName, "0 0 * * 1");
        services.AddGymJob<CheckInactiveLeadsJob>(CheckInactiveLeadsJob.JobName, "0 10 * * *");
        services.AddDemoPart<DemoScoringPart>();
        return services;
    }
}
