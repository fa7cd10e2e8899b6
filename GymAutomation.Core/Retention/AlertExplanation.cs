using System.Globalization;
using GymAutomation.Core.Gym;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Retention;

/// <summary>
/// Writes why an alert was raised from the facts its rule saw: "No visit for 14 days: last visit 17 days ago, on
/// 7 Nov 2026." Days are counted to today in the gym's time zone, so the sentence stays true as days pass.
/// </summary>
public sealed class AlertExplanation(GymClock clock, IOptions<GymOptions> gym)
{
    public string Explain(AlertType type, AlertFacts facts, CultureInfo? culture = null)
    {
        var today = clock.Today;
        return type switch
        {
            AlertType.NoAttendance when facts.LastVisitAt is { } at =>
                Text("Explain.NoAttendance", culture, Days("Days", facts.Days, culture), Days("Days", clock.DaysSince(at), culture), Day(DateOnly.FromDateTime(clock.ToLocal(at)), culture)),
            AlertType.NoFirstVisit when facts.JoinedOn is { } joined =>
                RetentionText.Plural("Explain.NoFirstVisit", culture, today.DayNumber - joined.DayNumber, Day(joined, culture)),
            AlertType.MembershipExpiring when facts.EndsOn is { } ends => (ends.DayNumber - today.DayNumber) switch
            {
                0 => Text("Explain.MembershipExpiringToday", culture, Day(ends, culture)),
                < 0 => Text("Explain.MembershipExpired", culture, Day(ends, culture)),
                var days => RetentionText.Plural("Explain.MembershipExpiring", culture, days, Day(ends, culture)),
            },
            AlertType.LowClassBooking => Text("Explain.LowClassBooking", culture, facts.Counted ?? 0, Days("LastDays", facts.Days, culture), facts.Threshold ?? 0),
            AlertType.HighCancellationRate => RetentionText.Plural(
                "Explain.HighCancellationRate", culture, facts.OutOf ?? 0, facts.Counted ?? 0, facts.OutOf is > 0 ? 100 * (facts.Counted ?? 0) / facts.OutOf.Value : 0,
                Days("LastDays", facts.Days, culture)),
            AlertType.PaymentFailed when facts.PaymentFailedAt is { } failed => facts.PaymentAmount is { } amount
                ? Text("Explain.PaymentFailed", culture, Money(amount, culture), Ago(failed, culture), Day(DateOnly.FromDateTime(clock.ToLocal(failed)), culture))
                : Text("Explain.PaymentFailedNoAmount", culture, Ago(failed, culture), Day(DateOnly.FromDateTime(clock.ToLocal(failed)), culture)),
            AlertType.LowEarlyAttendance when facts.JoinedOn is { } joined =>
                Text("Explain.LowEarlyAttendance", culture, facts.Counted ?? 0, Days("FirstDays", facts.Days, culture), Day(joined, culture), facts.Threshold ?? 0),
            AlertType.AbsentLongerThanUsual when facts is { LastVisitAt: { } at, UsualGapDays: { } gap } =>
                Text(gap == 1 ? "Explain.AbsentLongerThanUsualDaily" : "Explain.AbsentLongerThanUsual", culture,
                    gap.ToString("0.#", culture ?? CultureInfo.CurrentCulture), Days("Days", clock.DaysSince(at), culture), Day(DateOnly.FromDateTime(clock.ToLocal(at)), culture)),
            AlertType.VisitsDropped when facts is { Counted: { } recent, OutOf: > 0 and var earlier } =>
                Text("Explain.VisitsDropped", culture, DropPercent(recent, earlier, facts.Days), recent, Days("LastDays", facts.Days, culture), earlier, RuleFindings.BaselineDays),
            _ => RetentionText.TypeName(type, culture),
        };
    }

    /// <summary>How much the visits per day fell, in whole percent: the last <paramref name="days"/> days against the baseline days before.</summary>
    private static long DropPercent(int recent, int earlier, int days) =>
        100 - (long)Math.Round(100.0 * recent * RuleFindings.BaselineDays / ((double)earlier * Math.Max(days, 1)));

    private static string Text(string name, CultureInfo? culture, params object?[] args) => RetentionText.Format(name, culture, args);

    /// <summary>"today", "yesterday" or "N days ago", in gym days.</summary>
    private string Ago(DateTime utc, CultureInfo? culture) => clock.DaysSince(utc) switch
    {
        <= 0 => Text("Ago.Today", culture),
        1 => Text("Ago.Yesterday", culture),
        var days => Text("Ago.Days", culture, days),
    };

    /// <summary>A counted span of days: "14 days", "the last day", "the first 30 days".</summary>
    private static string Days(string phrase, long days, CultureInfo? culture) => RetentionText.Plural(phrase, culture, days);

    private static string Day(DateOnly day, CultureInfo? culture) => day.ToString("d MMM yyyy", culture ?? CultureInfo.CurrentCulture);

    private string Money(decimal amount, CultureInfo? culture) =>
        string.Create(culture ?? CultureInfo.CurrentCulture, $"{amount:N2} {gym.Value.Currency}");
}
