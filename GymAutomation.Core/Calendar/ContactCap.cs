namespace GymAutomation.Core.Calendar;

/// <summary>The frequency cap managers set: one row; until a manager saves one, the defaults apply.</summary>
public class ContactCap
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    /// <summary>Emails one client may get on one gym day.</summary>
    public int MaxPerDay { get; set; } = CalendarRules.DefaultMaxPerDay;

    /// <summary>Emails one client may get in any 7 consecutive gym days.</summary>
    public int MaxPerWeek { get; set; } = CalendarRules.DefaultMaxPerWeek;

    public DateTime UpdatedAt { get; set; }

    /// <summary>The email of the manager who saved it last.</summary>
    public string? UpdatedBy { get; set; }
}

/// <summary>A day the gym sends clients nothing (a holiday): emails due on it move to the next open day.</summary>
public class QuietDay
{
    public int Id { get; set; }

    /// <summary>The gym day.</summary>
    public DateOnly Date { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }
}
