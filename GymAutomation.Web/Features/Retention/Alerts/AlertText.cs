using GymAutomation.Core.Retention;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Retention.Alerts;

/// <summary>The short lines a card, a table row and the details write the same way.</summary>
public static class AlertText
{
    /// <summary>"today", "yesterday", "3 days ago", in gym days, to follow "Opened" or "Last visit".</summary>
    public static string Ago(this IStringLocalizer<RetentionBoardText> text, GymFormat format, DateTime at) => format.DaysSince(at) switch
    {
        <= 0 => text["AgoToday"],
        1 => text["AgoYesterday"],
        var days => text["AgoDays", days],
    };

    /// <summary>"Last visit 17 days ago", or "Never visited".</summary>
    public static string LastVisit(this IStringLocalizer<RetentionBoardText> text, GymFormat format, DateTime? at) =>
        at is { } visited ? text["LastVisit", text.Ago(format, visited)] : text["NeverVisited"];

    /// <summary>"Opened 3 days ago" while open; "Resolved today", "Dismissed yesterday" once closed.</summary>
    public static string Age(this IStringLocalizer<RetentionBoardText> text, GymFormat format, AlertCard card) =>
        card is { IsOpen: false, ClosedAt: { } closed }
            ? text["ClosedAgo", RetentionText.StatusName(card.Status), text.Ago(format, closed)]
            : text["OpenedAgo", text.Ago(format, card.CreatedAt)];

    /// <summary>How a closed alert ended: the outcome (and note), or the reason it was dismissed; null while open.</summary>
    public static string? Ending(this IStringLocalizer<RetentionBoardText> text, AlertCard card) => card switch
    {
        { Status: AlertStatus.Resolved, Outcome: { } outcome } => string.IsNullOrWhiteSpace(card.ClosingNote)
            ? RetentionText.OutcomeName(outcome)
            : text["EndingWithNote", RetentionText.OutcomeName(outcome), card.ClosingNote],
        { Status: AlertStatus.Dismissed } => text["DismissedBecause", card.ClosingNote ?? ""],
        _ => null,
    };
}
