using GymAutomation.Core.Gym;

namespace GymAutomation.Core.Calendar;

/// <summary>Where an email lands: the moment it may go out (UTC), and what moved it there from when it was due.</summary>
public sealed record CalendarSlot(DateTime At, SlotMoves Moves)
{
    public bool Moved => Moves != SlotMoves.None;
}

/// <summary>One email waiting for its slot: when it is due (UTC), what it is for, and any key its caller follows it by.</summary>
public sealed record DueEmail<TKey>(TKey Key, DateTime DueAt, EmailPurpose Purpose);

/// <summary>
/// The one contact calendar: where the next email to a client lands, given what that client already has sent or
/// planned. Pure — no database, no clock reading — so the engine, at claim time, and a forecast of the days ahead
/// ask the same question and get the same answer. Days are the gym's days: a send counts on the gym day it happens
/// on, and "7 days" is any 7 consecutive gym days.
/// </summary>
public static class ContactCalendar
{
    /// <summary>A guard: the days looked ahead before giving up, far beyond any finite list of sends and quiet days.</summary>
    private const int MaxDaysAhead = 3 * 366;

    /// <summary>
    /// The first moment from <paramref name="due"/> on when an email may go to a client whose other emails (sent,
    /// claimed or planned, before and after, whatever their purpose) go out at <paramref name="taken"/>: inside the
    /// send window, not on a quiet day, with room under the day's cap and under the cap of every 7-day stretch
    /// the day belongs to. A day that is full moves the email to the next day's window opening.
    /// </summary>
    public static CalendarSlot NextSlot(DateTime due, IReadOnlyCollection<DateTime> taken, CalendarRules rules, GymClock clock)
    {
        var perDay = taken.GroupBy(t => Day(t, clock)).ToDictionary(g => g.Key, g => g.Count());
        var moves = SlotMoves.None;
        var at = due;
        for (var days = 0; days <= MaxDaysAhead; days++)
        {
            var open = rules.Window.NextOpen(at, clock);
            if (open != at)
            {
                moves |= SlotMoves.SendWindow;
                at = open;
            }

            var day = Day(at, clock);
            var full = rules.QuietDays.Contains(day) ? SlotMoves.QuietDay
                : Count(perDay, day, day) >= rules.MaxPerDay ? SlotMoves.DailyCap
                : WeekIsFull(perDay, day, rules.MaxPerWeek) ? SlotMoves.WeeklyCap
                : SlotMoves.None;
            if (full == SlotMoves.None)
            {
                return new CalendarSlot(at, moves);
            }

            moves |= full;
            at = clock.ToUtc(day.AddDays(1).ToDateTime(rules.Window.Start));
        }

        throw new InvalidOperationException($"No slot within {MaxDaysAhead} days of {due:O}: the calendar's rules leave no day open.");
    }

    /// <summary>
    /// Places several emails for one client, each one placed counting against the cap of the next. Those already due
    /// at <paramref name="now"/> are due at once: service before promotional, then the earliest due — the order the
    /// engine claims a batch in; those due later follow by when they are due, service first at the same moment. What
    /// the engine does for a batch, and what a forecast does for a client's days ahead.
    /// </summary>
    public static IReadOnlyList<(DueEmail<TKey> Email, CalendarSlot Slot)> Place<TKey>(
        IEnumerable<DueEmail<TKey>> emails, IEnumerable<DateTime> taken, DateTime now, CalendarRules rules, GymClock clock)
    {
        var planned = taken.ToList();
        var placed = new List<(DueEmail<TKey>, CalendarSlot)>();
        foreach (var email in emails.OrderBy(e => e.DueAt > now ? e.DueAt : now).ThenBy(e => e.Purpose).ThenBy(e => e.DueAt))
        {
            var slot = NextSlot(email.DueAt > now ? email.DueAt : now, planned, rules, clock);
            planned.Add(slot.At);
            placed.Add((email, slot));
        }

        return placed;
    }

    /// <summary>The gym day <paramref name="utc"/> falls on.</summary>
    public static DateOnly Day(DateTime utc, GymClock clock) => DateOnly.FromDateTime(clock.ToLocal(utc));

    /// <summary>Whether any 7-day stretch that holds <paramref name="day"/> already has its emails.</summary>
    private static bool WeekIsFull(Dictionary<DateOnly, int> perDay, DateOnly day, int maxPerWeek)
    {
        for (var first = day.AddDays(-6); first <= day; first = first.AddDays(1))
        {
            if (Count(perDay, first, first.AddDays(6)) >= maxPerWeek)
            {
                return true;
            }
        }

        return false;
    }

    private static int Count(Dictionary<DateOnly, int> perDay, DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            count += perDay.GetValueOrDefault(day);
        }

        return count;
    }
}
