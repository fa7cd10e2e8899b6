namespace GymAutomation.Core.Calendar;

/// <summary>Why an email's slot is later than it was due: any of the calendar's rules that pushed it on.</summary>
[Flags]
public enum SlotMoves
{
    None = 0,

    /// <summary>Due outside the send window: waits for it to open.</summary>
    SendWindow = 1,

    /// <summary>Due on one of the gym's quiet days.</summary>
    QuietDay = 2,

    /// <summary>The client already has the day's emails.</summary>
    DailyCap = 4,

    /// <summary>The client already has the emails of a 7-day stretch.</summary>
    WeeklyCap = 8,
}
