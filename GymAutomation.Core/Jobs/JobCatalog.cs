using Cronos;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Jobs;

/// <summary>A job as registered by its feature: its name, its type and the schedule it has unless settings say otherwise.</summary>
public sealed record JobRegistration(string Name, Type JobType, string DefaultCron);

/// <summary>A job with its effective schedule (settings over defaults).</summary>
public sealed record ScheduledJob(string Name, Type JobType, string Cron, bool Enabled)
{
    public DateTime? NextRunUtc(DateTime fromUtc, TimeZoneInfo zone) =>
        CronExpression.Parse(Cron).GetNextOccurrence(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc), zone);
}

/// <summary>Every scheduled job of the app, with the schedule settings give it.</summary>
public sealed class JobCatalog(IEnumerable<JobRegistration> registrations, IOptions<JobsOptions> options)
{
    public IReadOnlyList<ScheduledJob> Jobs { get; } = registrations
        .Select(r => options.Value.Schedules.TryGetValue(r.Name, out var s)
            ? new ScheduledJob(r.Name, r.JobType, string.IsNullOrWhiteSpace(s.Cron) ? r.DefaultCron : s.Cron, s.Enabled)
            : new ScheduledJob(r.Name, r.JobType, r.DefaultCron, true))
        .OrderBy(j => j.Name, StringComparer.Ordinal)
        .ToList();

    public ScheduledJob? Find(string name) =>
        Jobs.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase));
}
