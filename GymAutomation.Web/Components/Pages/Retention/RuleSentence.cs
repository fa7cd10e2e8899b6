using GymAutomation.Core.Retention;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Components.Pages.Retention;

public static class RuleSentence
{
    /// <summary>A rule's parameters as a sentence: "No visit for 14 days", "Fewer than 2 bookings in 30 days".</summary>
    public static string Of(IStringLocalizer<RetentionPagesText> text, AlertType type, int days, int? count, int? percent) =>
        text[$"Rule.{type}", days, count ?? 0, percent ?? 0];

    public static string Of(IStringLocalizer<RetentionPagesText> text, RetentionRule rule) => Of(text, rule.Type, rule.Days, rule.Count, rule.Percent);
}
