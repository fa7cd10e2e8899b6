using GymAutomation.Core.Live;
using GymAutomation.Core.Resources;
using GymAutomation.Core.Retention;
using GymAutomation.Web.Components.Shared;
using GymAutomation.Web.Features.Retention;
using GymAutomation.Web.Live;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GymAutomation.Web.Features.Retention.Alerts;

/// <summary>
/// The details of one alert: the member and the ways to reach them, the facts, its history (who did what, when —
/// the opening line written from when and by which rule it was opened) and its notes, with a box to add one.
/// It follows the alert live while open: a colleague's note or move shows at once.
/// </summary>
public sealed partial class AlertDetailsDialog : IDisposable
{
    private readonly FormErrors noteErrors = new();
    private RetentionAlert? alert;
    private AlertCard? card;
    private bool loaded;
    private string? note;
    private bool addingNote;
    private string? userId;
    private LiveSubscription<LiveChange>? live;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private RetentionAlerts Alerts { get; set; } = default!;

    [Inject]
    private AlertBoard Board { get; set; } = default!;

    [Inject]
    private AlertActions Actions { get; set; } = default!;

    [Inject]
    private AlertExplanation Explanation { get; set; } = default!;

    [Inject]
    private GymFormat Format { get; set; } = default!;

    [Inject]
    private LiveFeed Feed { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RetentionBoardText> T { get; set; } = default!;

    [Inject]
    private IStringLocalizer<AppText> L { get; set; } = default!;

    [Parameter, EditorRequired]
    public int AlertId { get; set; }

    /// <summary>The notes thread, oldest first.</summary>
    private List<AlertActivity> Notes =>
        alert?.Activity.Where(l => l.Kind == AlertActivityKind.Note).OrderBy(l => l.At).ThenBy(l => l.Id).ToList() ?? [];

    /// <summary>Everything else that happened, newest first, down to the opening.</summary>
    private IEnumerable<HistoryLine> History => alert is null
        ? []
        : alert.Activity
            .Where(l => l.Kind != AlertActivityKind.Note)
            .Select(l => new HistoryLine(l.At, Describe(l), l.StaffName ?? T["BySystem"]))
            .Append(new HistoryLine(alert.CreatedAt, T["HistoryOpened", alert.RuleName], T["BySystem"]));

    protected override async Task OnInitializedAsync()
    {
        live = LiveSubscription.Start<LiveChange>(Feed, InvokeAsync, DispatchExceptionAsync, OnLiveAsync,
            c => c is AlertsScanned || (c is AlertChanged changed && changed.AlertId == AlertId));
        userId = (await Actions.ActorAsync()).Id;
        await LoadAsync();
    }

    public void Dispose() => live?.Dispose();

    private Task OnLiveAsync(IReadOnlyList<LiveChange> _) => ReloadAsync();

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        var alertRead = Alerts.FindAsync(AlertId);
        var cardRead = Board.CardAsync(AlertId);
        alert = await alertRead;
        card = await cardRead;
        loaded = true;
    }

    private Task NoteKeyDownAsync(KeyboardEventArgs e) => e.Key == "Enter" ? AddNoteAsync() : Task.CompletedTask;

    private async Task AddNoteAsync()
    {
        if (addingNote)
        {
            return;
        }

        addingNote = true;
        try
        {
            var result = await Alerts.AddNoteAsync(AlertId, note, await Actions.ActorAsync());
            if (result.Succeeded)
            {
                note = null;
                noteErrors.Clear();
                await LoadAsync();
            }
            else if (result.Status == AlertActionStatus.Invalid)
            {
                noteErrors.Show(result.Errors);
            }
            else
            {
                Actions.Report(result, "");
            }
        }
        finally
        {
            addingNote = false;
        }
    }

    private string Describe(AlertActivity line) => line.Kind switch
    {
        AlertActivityKind.RiskRaised => T["HistoryRiskRaised", line.FromRisk ?? 0, line.ToRisk ?? 0, line.Text ?? ""],
        AlertActivityKind.Assigned => T["HistoryAssigned", line.Text ?? ""],
        AlertActivityKind.Unassigned => T["HistoryUnassigned"],
        AlertActivityKind.Started => T["HistoryStarted"],
        AlertActivityKind.MovedToOpen => T["HistoryMovedToOpen"],
        AlertActivityKind.Resolved => WithText(
            T[line.StaffId is null ? "HistoryResolvedAutomatically" : "HistoryResolved", line.Outcome is { } outcome ? RetentionText.OutcomeName(outcome) : ""],
            line.Text),
        AlertActivityKind.Dismissed => T["HistoryDismissed", line.Text ?? ""],
        _ => T["HistoryOpened", alert?.RuleName ?? ""],
    };

    private string WithText(string what, string? text) => string.IsNullOrWhiteSpace(text) ? what : T["EndingWithNote", what, text];

    private void Close() => Dialog.Close();

    private sealed record HistoryLine(DateTime At, string What, string Who);
}
