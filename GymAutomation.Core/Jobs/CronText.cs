using System.Globalization;

namespace GymAutomation.Core.Jobs;

/// <summary>The common shapes of a five-field cron expression, for saying a schedule in words.</summary>
public sealed record CronShape(CronFrequency Frequency, TimeOnly? At, DayOfWeek? Weekday, int? Minutes);

public enum CronFrequency
{
    /// <summary>A shape the words do not cover: show the cron itself.</summary>
    Other,
    Daily,
    Weekly,
    EveryMinutes,
    Hourly,
}

public static class CronText
{
    public static CronShape Read(string cron)
    {
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 5)
        {
            return new(CronFrequency.Other, null, null, null);
        }

        var (minute, hour, dayOfMonth, month, dayOfWeek) = (f[0], f[1], f[2], f[3], f[4]);
        if (dayOfMonth != "*" || month != "*")
        {
            return new(CronFrequency.Other, null, null, null);
        }

        if (minute.StartsWith("*/", StringComparison.Ordinal) && hour == "*" && dayOfWeek == "*" && int.TryParse(minute[2..], CultureInfo.InvariantCulture, out var every))
        {
            return new(CronFrequency.EveryMinutes, null, null, every);
        }

        if (!int.TryParse(minute, CultureInfo.InvariantCulture, out var m) || m is < 0 or > 59)
        {
            return new(CronFrequency.Other, null, null, null);
        }

        if (hour == "*" && dayOfWeek == "*")
        {
            return new(CronFrequency.Hourly, null, null, m);
        }

        if (!int.TryParse(hour, CultureInfo.InvariantCulture, out var h) || h is < 0 or > 23)
        {
            return new(CronFrequency.Other, null, null, null);
        }

        if (dayOfWeek == "*")
        {
            return new(CronFrequency.Daily, new TimeOnly(h, m), null, null);
        }

        return int.TryParse(dayOfWeek, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 7
            ? new(CronFrequency.Weekly, new TimeOnly(h, m), (DayOfWeek)(d % 7), null)
            : new(CronFrequency.Other, null, null, null);
    }
}
