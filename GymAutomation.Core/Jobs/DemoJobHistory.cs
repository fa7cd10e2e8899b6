using Cronos;
using GymAutomation.Core.Demo;

namespace GymAutomation.Core.Jobs;

/// <summary>
/// The scheduled jobs' last month in the demo gym: when each ran (at its schedule's times), and the one morning the
/// mail server was down, so the workflow emails due then went out when a manager ran the round again.
/// </summary>
internal static class DemoJobHistory
{
    /// <summary>How far back the jobs' runs go.</summary>
    public const int Days = 30;

    /// <summary>The morning, this many days ago (among the runs the jobs page lists), the mail server refused the workflow emails.</summary>
    public const int MailOutageDaysAgo = 4;

    public const string MailOutageReason = "421 4.3.2 Service not available, closing transmission channel";

    /// <summary>How long after the failed round a manager ran it again from the jobs page.</summary>
    public static readonly TimeSpan RerunAfter = TimeSpan.FromMinutes(37);

    /// <summary>The times the job's schedule fired after <paramref name="fromUtc"/> and before <paramref name="toUtc"/> (a run due at that very moment has not run yet).</summary>
    public static IEnumerable<DateTime> Runs(ScheduledJob job, TimeZoneInfo zone, DateTime fromUtc, DateTime toUtc) =>
        CronExpression.Parse(job.Cron).GetOccurrences(Utc(fromUtc), Utc(toUtc), zone, fromInclusive: false, toInclusive: false);

    /// <summary>The job's first scheduled run at or after <paramref name="utc"/>.</summary>
    public static DateTime? NextRun(ScheduledJob job, TimeZoneInfo zone, DateTime utc) =>
        CronExpression.Parse(job.Cron).GetNextOccurrence(Utc(utc), zone, inclusive: true);

    /// <summary>Whether the scheduled round of emails at <paramref name="runUtc"/> is the one the mail server refused.</summary>
    public static bool IsMailOutage(DateTime runUtc, DemoCalendar calendar) =>
        runUtc < calendar.Now && DateOnly.FromDateTime(calendar.ToLocal(runUtc)) == calendar.Today.AddDays(-MailOutageDaysAgo);

    private static DateTime Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc);
}
