using System.Globalization;
using GymAutomation.Core.Jobs;
using GymAutomation.Web.Features.Jobs;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Localization;

public static class ScheduleText
{
    /// <summary>A job's cron in words ("Every day at 08:00"), or the cron itself when it has no common shape.</summary>
    public static string Schedule(this IStringLocalizer<JobsText> text, string cron)
    {
        var shape = CronText.Read(cron);
        var at = shape.At?.ToString("t", CultureInfo.CurrentCulture);
        return shape.Frequency switch
        {
            CronFrequency.Daily => text["Every.Daily", at!],
            CronFrequency.Weekly => text["Every.Weekly", CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(shape.Weekday!.Value), at!],
            CronFrequency.EveryMinutes => text.Plural("Every.Minutes", shape.Minutes!.Value),
            CronFrequency.Hourly => text["Every.Hourly", shape.Minutes!],
            _ => text["Every.Other", cron],
        };
    }

    /// <summary>A job's name in words ("Retention alerts check"); a job the app does not know by name keeps its id.</summary>
    public static string JobName(this IStringLocalizer<JobsText> text, string job) =>
        text[$"Job.{job}"] is { ResourceNotFound: false } name ? name.Value : job;
}
