using System.Globalization;

namespace GymAutomation.Web.Features.Dashboard;

/// <summary>Labels for a chart of days: today and every seventh day before it are named, the rest left blank so thirty fit.</summary>
internal static class DayLabels
{
    public static string[] For(IReadOnlyList<DateOnly> days) =>
        days.Select((day, i) => (days.Count - 1 - i) % 7 == 0 ? day.ToString("d MMM", CultureInfo.CurrentCulture) : "").ToArray();
}
