using GymAutomation.Core.Gym;

namespace GymAutomation.Core.Demo;

/// <summary>"Today" and "now", read once so that a whole demo run agrees on them, and the gym's wall clock to UTC.</summary>
internal sealed class DemoCalendar(GymClock clock)
{
    /// <summary>How far back the demo's history goes.</summary>
    public const int HistoryDays = 365;

    public DateTime Now { get; } = clock.UtcNow;

    public DateOnly Today { get; } = clock.Today;

    public DateOnly Yesterday => Today.AddDays(-1);

    public DateOnly HistoryStart => Today.AddDays(-HistoryDays);

    public TimeZoneInfo TimeZone => clock.TimeZone;

    public DateTime ToLocal(DateTime utc) => clock.ToLocal(utc);

    /// <summary>The UTC instant of a wall-clock time at the gym; a time the daylight-saving change skips moves on an hour.</summary>
    public DateTime Utc(DateOnly day, int minuteOfDay, int second = 0)
    {
        var local = day.ToDateTime(new TimeOnly(minuteOfDay / 60, minuteOfDay % 60, second));
        if (clock.TimeZone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return clock.ToUtc(local);
    }
}
