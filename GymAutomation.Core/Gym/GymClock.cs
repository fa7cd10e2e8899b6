using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Gym;

/// <summary>
/// "Now" and "today" as the gym sees them. Storage is UTC; the gym's time zone decides what a day is.
/// Everything that depends on the current time goes through this, so tests can move time.
/// </summary>
public sealed class GymClock(TimeProvider time, IOptions<GymOptions> options)
{
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>How far ahead of this clock a reported time that already happened may be (<see cref="GymOptions.MaxClockSkewMinutes"/>).</summary>
    public TimeSpan MaxSkew { get; } = TimeSpan.FromMinutes(options.Value.MaxClockSkewMinutes);

    /// <summary>The latest time something that already happened may carry: now, plus the clocks' allowed difference.</summary>
    public DateTime LatestHappened => UtcNow + MaxSkew;

    public DateTime LocalNow => ToLocal(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    /// <summary>Converts a wall-clock time at the gym to UTC.</summary>
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);

    /// <summary>The UTC instant at which <paramref name="day"/> starts at the gym.</summary>
    public DateTime StartOfDayUtc(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>Whole gym days between the day of <paramref name="utc"/> and today.</summary>
    public int DaysSince(DateTime utc) => Today.DayNumber - DateOnly.FromDateTime(ToLocal(utc)).DayNumber;
}
