using GymAutomation.Core.Retention;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Retention.Rules;

public static class RuleSentence
{
    /// <summary>
    /// A rule's parameters as a sentence: "No visit for 14 days", "Fewer than 2 bookings in 30 days". Its days and its
    /// count are counted phrases ("1 day", "the last booking") the sentence takes as <c>{0}</c> and <c>{1}</c>; its percentage is
    /// <c>{2}</c>, and as a multiple (250 % → 2.5) <c>{3}</c>.
    /// </summary>
    public static string Of(IStringLocalizer<RetentionPagesText> text, AlertType type, int days, int? count, int? percent) =>
        text[$"Rule.{type}", text.Plural(DaysPhrase(type), days), text.Plural(CountPhrase(type), count ?? 0), percent ?? 0, (percent ?? 0) / 100m];

    public static string Of(IStringLocalizer<RetentionPagesText> text, RetentionRule rule) => Of(text, rule.Type, rule.Days, rule.Count, rule.Percent);

    private static string DaysPhrase(AlertType type) => type switch
    {
        AlertType.LowEarlyAttendance => "Rule.FirstDays",
        AlertType.PaymentFailed or AlertType.VisitsDropped => "Rule.LastDays",
        _ => "Rule.Days",
    };

    private static string CountPhrase(AlertType type) => type switch
    {
        AlertType.LowEarlyAttendance or AlertType.AbsentLongerThanUsual or AlertType.VisitsDropped => "Rule.Visits",
        AlertType.HighCancellationRate => "Rule.LastBookings",
        _ => "Rule.Bookings",
    };
}
