using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GymAutomation.Web.Features.Retention.Alerts;

/// <summary>
/// Staff's actions on an alert, the same from a card's menu, a drop on another column, a table row and the details:
/// the one-click ones act at once, the others open their dialog (which shows its own errors). Every outcome ends in a
/// snackbar — done, or the reason it was not (a conflict with a colleague's change, an alert gone). The screen then
/// reloads whatever happened, so it shows the alert as it is now.
/// </summary>
public sealed class AlertActions(
    RetentionAlerts alerts,
    IDialogService dialogs,
    ISnackbar snackbar,
    AuthenticationStateProvider authentication,
    IStringLocalizer<RetentionBoardText> text)
{
    private static readonly DialogOptions FormOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private static readonly DialogOptions DetailsOptions = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };

    public async Task<StaffActor> ActorAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var id = StaffClaims.IdOf(user) ?? throw new InvalidOperationException("Only a signed-in staff member acts on alerts.");
        return new StaffActor(id, StaffClaims.NameOf(user) ?? id);
    }

    public async Task StartAsync(AlertCard card) =>
        Report(await alerts.StartAsync(card.Id, card.Version, await ActorAsync()), text["StartedMessage", card.ClientName]);

    public async Task AssignToMeAsync(AlertCard card)
    {
        var actor = await ActorAsync();
        Report(await alerts.AssignAsync(card.Id, card.Version, actor.Id, actor), text["AssignedMessage", card.ClientName, actor.Name]);
    }

    /// <summary>Back to <c>OPEN</c>: from in progress, or a closed alert reopened.</summary>
    public async Task ReopenAsync(AlertCard card) =>
        Report(await alerts.ReopenAsync(card.Id, card.Version, await ActorAsync()), text[card.IsOpen ? "MovedToOpenMessage" : "ReopenedMessage", card.ClientName]);

    public Task AssignAsync(AlertCard card) => OpenAsync<AssignAlertDialog>(new() { { d => d.Card, card } }, FormOptions);

    public Task ResolveAsync(AlertCard card) => OpenAsync<ResolveAlertDialog>(new() { { d => d.Card, card } }, FormOptions);

    public Task DismissAsync(AlertCard card) => OpenAsync<DismissAlertDialog>(new() { { d => d.Card, card } }, FormOptions);

    public Task ShowDetailsAsync(int alertId) => OpenAsync<AlertDetailsDialog>(new() { { d => d.AlertId, alertId } }, DetailsOptions);

    /// <summary>The snackbar for an action's result: <paramref name="doneMessage"/>, or why nothing changed.</summary>
    public void Report(AlertActionResult result, string doneMessage)
    {
        var (message, severity) = result.Status switch
        {
            AlertActionStatus.Done => (doneMessage, Severity.Success),
            AlertActionStatus.Conflict or AlertActionStatus.NotFound => (result.Message, Severity.Warning),
            _ => (result.Message, Severity.Error),
        };
        snackbar.Add(message, severity);
    }

    private async Task OpenAsync<TDialog>(DialogParameters<TDialog> parameters, DialogOptions options)
        where TDialog : IComponent
    {
        var dialog = await dialogs.ShowAsync<TDialog>(null, parameters, options);
        await dialog.Result;
    }
}
