using GymAutomation.Core.Calendar;
using GymAutomation.Core.Gym;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Calendar;

/// <summary>The one scheduling function on its edges, in Madrid's time: a day is the gym's day, not UTC's.</summary>
public sealed class ContactCalendarTests
{
    private static readonly GymClock Clock = new(TimeProvider.System, Options.Create(new GymOptions { TimeZone = "Europe/Madrid" }));

    private static readonly SendWindow Window = new(new TimeOnly(8, 0), new TimeOnly(21, 0));

    /// <summary>Tuesday 10 March 2026, a day of winter time (UTC+1).</summary>
    private static readonly DateOnly Tuesday = new(2026, 3, 10);

    [Fact]
    public void An_email_due_inside_the_window_with_nothing_else_that_day_goes_when_due()
    {
        var slot = Slot(At(Tuesday, 10, 15), []);

        Assert.Equal(new CalendarSlot(At(Tuesday, 10, 15), SlotMoves.None), slot);
        Assert.False(slot.Moved);
    }

    [Theory]
    [InlineData(21, 0, 1)]
    [InlineData(23, 30, 1)]
    [InlineData(7, 59, 0)]
    public void An_email_due_outside_the_window_waits_for_its_next_opening(int hour, int minute, int daysLater)
    {
        var slot = Slot(At(Tuesday, hour, minute), []);

        Assert.Equal(new CalendarSlot(At(Tuesday.AddDays(daysLater), 8, 0), SlotMoves.SendWindow), slot);
    }

    [Fact]
    public void A_second_email_on_a_day_moves_to_the_next_days_opening_and_a_higher_daily_cap_lets_it_through()
    {
        DateTime[] sent = [At(Tuesday, 9, 0)];

        Assert.Equal(new CalendarSlot(At(Tuesday.AddDays(1), 8, 0), SlotMoves.DailyCap), Slot(At(Tuesday, 18, 0), sent));
        Assert.Equal(new CalendarSlot(At(Tuesday, 18, 0), SlotMoves.None), Slot(At(Tuesday, 18, 0), sent, Rules(maxPerDay: 2)));
    }

    [Fact]
    public void The_weekly_cap_counts_any_seven_consecutive_days_so_the_email_waits_until_the_oldest_falls_out()
    {
        DateTime[] sent = [At(Tuesday.AddDays(-6), 9, 0), At(Tuesday.AddDays(-4), 9, 0), At(Tuesday.AddDays(-2), 9, 0)];

        // Tuesday closes a stretch (Wed..Tue) with three; Wednesday's stretches hold at most two.
        Assert.Equal(new CalendarSlot(At(Tuesday.AddDays(1), 8, 0), SlotMoves.WeeklyCap), Slot(At(Tuesday, 12, 0), sent));
        Assert.Equal(new CalendarSlot(At(Tuesday, 12, 0), SlotMoves.None), Slot(At(Tuesday, 12, 0), sent[1..]));
    }

    [Fact]
    public void Planned_emails_after_the_day_count_too_as_a_forecast_needs()
    {
        DateTime[] planned = [At(Tuesday.AddDays(1), 9, 0), At(Tuesday.AddDays(2), 9, 0), At(Tuesday.AddDays(3), 9, 0)];

        // Every stretch holding Tuesday to the 17th holds the three; the 18th's earliest stretch starts on the 12th, with two.
        var slot = Slot(At(Tuesday, 12, 0), planned);

        Assert.Equal(At(Tuesday.AddDays(8), 8, 0), slot.At);
        Assert.Equal(SlotMoves.WeeklyCap | SlotMoves.DailyCap, slot.Moves);
    }

    [Fact]
    public void Quiet_days_are_skipped_one_after_another_and_every_reason_is_kept()
    {
        var rules = Rules(quiet: [Tuesday, Tuesday.AddDays(1)]);
        DateTime[] sent = [At(Tuesday.AddDays(2), 8, 30)];

        var slot = Slot(At(Tuesday.AddDays(-1), 22, 0), sent, rules);

        Assert.Equal(new CalendarSlot(At(Tuesday.AddDays(3), 8, 0), SlotMoves.SendWindow | SlotMoves.QuietDay | SlotMoves.DailyCap), slot);
    }

    [Fact]
    public void A_day_is_the_gyms_day_an_email_just_before_local_midnight_does_not_fill_the_next_day()
    {
        // 23:30 in Madrid on Monday is 22:30 UTC on Monday; 00:30 on Tuesday is still Monday in UTC.
        DateTime[] sentLateMonday = [At(Tuesday.AddDays(-1), 23, 30)];
        Assert.Equal(new CalendarSlot(At(Tuesday, 8, 0), SlotMoves.SendWindow), Slot(At(Tuesday, 0, 30), sentLateMonday));

        DateTime[] sentJustAfterMidnight = [At(Tuesday, 0, 30)];
        Assert.Equal(Tuesday.AddDays(-1), DateOnly.FromDateTime(sentJustAfterMidnight[0]));
        Assert.Equal(new CalendarSlot(At(Tuesday.AddDays(1), 8, 0), SlotMoves.DailyCap), Slot(At(Tuesday, 9, 0), sentJustAfterMidnight));
    }

    [Fact]
    public void Across_the_change_to_summer_time_a_moved_email_lands_at_the_windows_local_opening()
    {
        var saturday = new DateOnly(2026, 3, 28);
        var slot = Slot(At(saturday, 10, 0), [At(saturday, 9, 0)]);

        Assert.Equal(new DateTime(2026, 3, 29, 6, 0, 0, DateTimeKind.Utc), slot.At);
        Assert.Equal(new DateTime(2026, 3, 29, 8, 0, 0), Clock.ToLocal(slot.At));
    }

    [Fact]
    public void Service_goes_before_promotional_when_both_are_due_at_once_even_a_promotional_due_earlier()
    {
        var now = At(Tuesday, 9, 0);
        DueEmail<string>[] due = [new("offer", At(Tuesday.AddDays(-1), 9, 0), EmailPurpose.Promotional), new("welcome", now, EmailPurpose.Service)];

        var placed = ContactCalendar.Place(due, [], now, Rules(), Clock);

        Assert.Equal(["welcome", "offer"], placed.Select(p => p.Email.Key));
        Assert.Equal(new CalendarSlot(now, SlotMoves.None), placed[0].Slot);
        Assert.Equal(new CalendarSlot(At(Tuesday.AddDays(1), 8, 0), SlotMoves.DailyCap), placed[1].Slot);
    }

    [Fact]
    public void A_service_email_due_later_does_not_take_the_slot_of_a_promotional_one_due_now()
    {
        var now = At(Tuesday, 9, 0);
        DueEmail<string>[] due = [new("renewal", At(Tuesday.AddDays(1), 9, 0), EmailPurpose.Service), new("offer", now, EmailPurpose.Promotional)];

        var placed = ContactCalendar.Place(due, [At(Tuesday.AddDays(-3), 9, 0)], now, Rules(), Clock);

        Assert.Equal(["offer", "renewal"], placed.Select(p => p.Email.Key));
        Assert.Equal([now, At(Tuesday.AddDays(1), 9, 0)], placed.Select(p => p.Slot.At));
        Assert.All(placed, p => Assert.False(p.Slot.Moved));
    }

    private static CalendarSlot Slot(DateTime due, DateTime[] taken, CalendarRules? rules = null) =>
        ContactCalendar.NextSlot(due, taken, rules ?? Rules(), Clock);

    private static CalendarRules Rules(int maxPerDay = 1, int maxPerWeek = 3, DateOnly[]? quiet = null) =>
        new(maxPerDay, maxPerWeek, (quiet ?? []).ToHashSet(), Window);

    /// <summary>A wall-clock time at the gym, as UTC.</summary>
    private static DateTime At(DateOnly day, int hour, int minute) => Clock.ToUtc(day.ToDateTime(new TimeOnly(hour, minute)));
}
