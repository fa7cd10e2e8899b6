using System.Globalization;
using System.Text;
using GymAutomation.Core.Resources;

namespace GymAutomation.Core.Gym;

/// <summary>
/// The times the app accepts for what happens at a gym, wherever they come from (the desk, the API, an import): a
/// time that is wrong here would count as attendance, suppress an alert or sort first for years.
/// </summary>
public static class SaneTimes
{
    /// <summary>
    /// The earliest time accepted for anything at a gym. Earlier times are what broken exports write for "no date"
    /// (0001-01-01, 1970-01-01), not a gym's history.
    /// </summary>
    public static readonly DateTime EarliestHistory = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Classes and memberships are planned before this; a later date is a typo or a "no end" such as 9999-12-31.</summary>
    public static readonly DateTime EndOfPlans = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Why <paramref name="utc"/> cannot be when something already happened (a visit, a payment, an event), or null when it can.</summary>
    public static string? WhyNotHappened(GymClock clock, DateTime utc) =>
        utc < EarliestHistory ? Format(ValidationText.TooEarly, EarliestHistory)
        : utc > clock.LatestHappened ? ValidationText.InFuture
        : null;

    /// <summary>Why <paramref name="utc"/> cannot be when something is planned (a class), or null when it can.</summary>
    public static string? WhyNotPlanned(DateTime utc) =>
        utc < EarliestHistory ? Format(ValidationText.TooEarly, EarliestHistory)
        : utc >= EndOfPlans ? Format(ValidationText.TooLate, EndOfPlans)
        : null;

    private static string Format(string template, DateTime day) =>
        string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(template), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
