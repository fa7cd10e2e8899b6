using GymAutomation.Core.Retention;
using GymAutomation.Web.Components.Shared;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Retention.Alerts;

/// <summary>
/// A dialog's hold on the alert it acts on: the version it saw, and its errors. When a colleague changed the alert
/// meanwhile, the form says so at its top with the alert's state now, and acts on that version from then on — unless
/// the alert is closed (or gone) by now: then saving again would overwrite their ending, so the form no longer saves.
/// </summary>
public sealed class AlertForm(AlertCard card)
{
    public FormErrors Errors { get; } = new();

    public int Version { get; private set; } = card.Version;

    /// <summary>The alert was closed or deleted since the dialog opened: nothing is left to do.</summary>
    public bool Stale { get; private set; }

    /// <summary>What the action did, for <see cref="FormDialog"/>'s save: the alert when done, else null and the reason shown.</summary>
    public object? Accept(AlertActionResult result, AlertActions actions, IStringLocalizer<RetentionBoardText> text)
    {
        switch (result.Status)
        {
            case AlertActionStatus.Done:
                return result.Alert;
            case AlertActionStatus.Conflict when result.Alert is { } latest:
                Version = latest.Version;
                Stale = !latest.IsOpen;
                var now = text["NowState", RetentionText.StatusName(latest.Status), latest.AssignedTo?.DisplayName ?? text["Unassigned"]].Value;
                Errors.Show(new Dictionary<string, string[]> { [""] = [result.Message, now] });
                actions.Report(result, "");
                return null;
            case AlertActionStatus.NotFound:
                Stale = true;
                Errors.Show(new Dictionary<string, string[]> { [""] = [result.Message] });
                actions.Report(result, "");
                return null;
            default:
                Errors.Show(result.Errors);
                return null;
        }
    }
}
