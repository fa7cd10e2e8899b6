namespace GymAutomation.Core.Calendar;

/// <summary>
/// The contact calendar's rules at one moment: how many emails one client may get on one gym day and in any 7
/// consecutive gym days, the days nothing goes out, and the hours emails go out.
/// </summary>
public sealed record CalendarRules(int MaxPerDay, int MaxPerWeek, IReadOnlySet<DateOnly> QuietDays, SendWindow Window)
{
    public const int DefaultMaxPerDay = 1;

    public const int DefaultMaxPerWeek = 3;
}
