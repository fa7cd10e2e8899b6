using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Calendar;

/// <summary>The contact calendar's validation messages (CalendarText.resx, .es.resx).</summary>
public static class CalendarText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Calendar.CalendarText", typeof(CalendarText).Assembly);

    public static string PerDayRange(int max) => Format(nameof(PerDayRange), max);

    public static string PerWeekRange(int max) => Format(nameof(PerWeekRange), max);

    public static string PerWeekBelowPerDay => Get(nameof(PerWeekBelowPerDay));

    public static string NameTooLong(int max) => Format(nameof(NameTooLong), max);

    public static string DayOutOfRange => Get(nameof(DayOutOfRange));

    public static string DayTaken(string name) => Format(nameof(DayTaken), name);

    private static string Format(string name, object value) => string.Format(CultureInfo.CurrentCulture, Get(name), value);

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
