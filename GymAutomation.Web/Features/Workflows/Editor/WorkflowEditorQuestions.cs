using GymAutomation.Core.Workflows;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GymAutomation.Web.Features.Workflows.Editor;

/// <summary>
/// What the workflow editor asks before it acts: each question says what the answer will do (how many clients are
/// part-way through, how many would have started last week), and each returns true only on a yes.
/// </summary>
public sealed class WorkflowEditorQuestions(
    IDialogService dialogs,
    WorkflowEditor editor,
    IStringLocalizer<WorkflowEditorText> text,
    TriggerWords triggers,
    IStringLocalizer<AppText> app)
{
    /// <summary>Before changing a workflow clients are part-way through, says how many and what happens to them.</summary>
    public async Task<bool> ConfirmSaveAsync(int workflowId)
    {
        var impact = await editor.ImpactAsync(workflowId);
        if (impact.ActiveEnrolments == 0)
        {
            return true;
        }

        return await YesAsync(text["InFlightTitle"], text.Plural("InFlight", impact.ActiveEnrolments), app["Save"], app["Cancel"]);
    }

    /// <summary>
    /// Activating says how many clients the trigger matched last week; deactivating, how many enrolments stop where they are.
    /// </summary>
    public async Task<bool> ConfirmActivationAsync(int workflowId, WorkflowDraft draft, bool activate)
    {
        string message;
        if (activate)
        {
            var trigger = TriggerSettings.Of(draft);
            var preview = await editor.ActivationPreviewAsync(trigger);
            message = text.Plural("ActivateConfirm", preview.MatchedLastWeek, triggers.Describe(trigger));
        }
        else
        {
            message = text.Plural("DeactivateConfirm", (await editor.ImpactAsync(workflowId)).ActiveEnrolments);
        }

        return await YesAsync(activate ? text["ActivateTitle"] : text["DeactivateTitle"], message,
            activate ? text["Activate"] : text["Deactivate"], app["Cancel"]);
    }

    /// <summary>Leaving with unsaved changes loses them.</summary>
    public Task<bool> ConfirmLeaveAsync() => YesAsync(text["LeaveTitle"], text["LeaveConfirm"], text["Leave"], text["Stay"]);

    private async Task<bool> YesAsync(string title, string message, string yes, string no) =>
        await dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: no) == true;
}
