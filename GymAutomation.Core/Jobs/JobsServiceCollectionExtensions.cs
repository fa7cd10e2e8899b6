using Coravel;
using Coravel.Scheduling.Schedule.Interfaces;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Gym;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Jobs;

public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScheduler();
        services.AddSingleton<JobRunner>();
        // First of the start-up tasks: the jobs page never shows a run of a dead process as running.
        services.AddSingleton<IStartupTask, InterruptedRunsSweep>();
        services.AddSingleton<JobCatalog>();
        services.AddSingleton<JobsOverview>();
        services.AddDemoPart<DemoJobRunsPart>();
        return services;
    }

    /// <summary>Registers a scheduled job; its schedule comes from <c>Jobs:Schedules:{name}</c> or the default.</summary>
    public static IServiceCollection AddGymJob<TJob>(this IServiceCollection services, string name, string defaultCron)
        where TJob : GymJob
    {
        services.AddTransient<TJob>();
        services.AddSingleton(new JobRegistration(name, typeof(TJob), defaultCron));
        return services;
    }

    /// <summary>Puts every enabled job on Coravel's scheduler, in the gym's time zone.</summary>
    public static IServiceProvider UseGymSchedules(this IServiceProvider services)
    {
        var catalog = services.GetRequiredService<JobCatalog>();
        var zone = services.GetRequiredService<GymClock>().TimeZone;
        services.UseScheduler(scheduler => ScheduleAll(scheduler, catalog, zone));
        return services;
    }

    internal static void ScheduleAll(IScheduler scheduler, JobCatalog catalog, TimeZoneInfo zone)
    {
        foreach (var job in catalog.Jobs.Where(j => j.Enabled))
        {
            scheduler.ScheduleInvocableType(job.JobType)
                .Cron(job.Cron)
                .Zoned(zone)
                .PreventOverlapping(job.Name);
        }
    }
}
