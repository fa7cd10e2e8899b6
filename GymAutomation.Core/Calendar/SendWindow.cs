using GymAutomation.Core.Gym;

namespace GymAutomation.Core.Calendar;

/// <summary>The hours of the gym's day when emails to clients go out: from <see cref="Start"/> until (not at) <see cref="End"/>.</summary>
public sealed record SendWindow(TimeOnly Start, TimeOnly End)
{
    public bool IsOpen(TimeOnly localTime) => localTime >= Start && localTime < End;

    /// <summary>The first moment from <paramref name="utc"/> on when the window is open, in the gym's time.</summary>
    public DateTime NextOpen(DateTime utc, GymClock clock)
    {
        var local = clock.ToLocal(utc);
        var time = TimeOnly.FromDateTime(local);
        if (IsOpen(time))
        {
            return utc;
        }

        var day = DateOnly.FromDateTime(local);
        return clock.ToUtc((time >= End ? day.AddDays(1) : day).ToDateTime(Start));
    }
}
