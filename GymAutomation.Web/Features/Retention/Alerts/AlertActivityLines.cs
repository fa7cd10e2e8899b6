using GymAutomation.Core.Retention;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Retention.Alerts;

/// <summary>
/// An alert's activity as its details show it: the notes as a thread, and everything else as history lines in words
/// (who did what, when), down to the opening line, written from when and by which rule the alert was opened.
/// </summary>
public static class AlertActivityLines
{
    /// <summary>The notes thread, oldest first.</summary>
    public static List<AlertActivity> Notes(RetentionAlert? alert) =>
        alert?.Activity.Where(l => l.Kind == AlertActivityKind.Note).OrderBy(l => l.At).ThenBy(l => l.Id).ToList() ?? [];

    /// <summary>Everything else that happened, newest first, down to the opening.</summary>
    public static IEnumerable<AlertHistoryLine> History(this IStringLocalizer<RetentionBoardText> text, RetentionAlert? alert) => alert is null
        ? []
        : alert.Activity
            .Where(l => l.Kind != AlertActivityKind.Note)
            .Select(l => new AlertHistoryLine(l.At, text.Describe(l, alert), l.StaffName ?? text["BySystem"]))
            .Append(new AlertHistoryLine(alert.CreatedAt, text["HistoryOpened", alert.RuleName], text["BySystem"]));

    private static string Describe(this IStringLocalizer<RetentionBoardText> text, AlertActivity line, RetentionAlert alert) => line.Kind switch
    {
        AlertActivityKind.RiskRaised => text["HistoryRiskRaised", line.FromRisk ?? 0, line.ToRisk ?? 0, line.Text ?? ""],
        AlertActivityKind.Assigned => text["HistoryAssigned", line.Text ?? ""],
        AlertActivityKind.Unassigned => text["HistoryUnassigned"],
        AlertActivityKind.Started => text["HistoryStarted"],
        AlertActivityKind.MovedToOpen => text["HistoryMovedToOpen"],
        AlertActivityKind.Resolved => text.WithText(
            text[line.StaffId is null ? "HistoryResolvedAutomatically" : "HistoryResolved", line.Outcome is { } outcome ? RetentionText.OutcomeName(outcome) : ""],
            line.Text),
        AlertActivityKind.Dismissed => text["HistoryDismissed", line.Text ?? ""],
        _ => text["HistoryOpened", alert.RuleName],
    };

    private static string WithText(this IStringLocalizer<RetentionBoardText> text, string what, string? note) =>
        string.IsNullOrWhiteSpace(note) ? what : text["EndingWithNote", what, note];
}

/// <summary>A line of an alert's history: what happened, who did it (or the system), and when.</summary>
public sealed record AlertHistoryLine(DateTime At, string What, string Who);
