using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Web.Features.Retention;
using GymAutomation.Web.Live;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GymAutomation.Web.Features.Retention.Board;

/// <summary>
/// The table view: the filtered alerts a page at a time (25, 50 or 100), sorted on the server; the same information
/// and menu as a card. Live changes reload the page shown and highlight the rows that changed.
/// </summary>
public sealed partial class AlertTableView : IDisposable
{
    private static readonly int[] PageSizes = [25, 50, 100];

    private readonly Dictionary<int, int> flashes = [];
    private MudTable<AlertCard>? table;
    private Dictionary<int, AlertCard> shown = [];
    private BoardQuery? loadedQuery;
    private bool flashNextLoad;
    private LiveSubscription<LiveChange>? live;

    [Inject]
    private AlertBoard Board { get; set; } = default!;

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
    public BoardQuery Query { get; set; } = default!;

    /// <summary>The signed-in staff member, for "mine".</summary>
    [Parameter]
    public string? UserId { get; set; }

    [Parameter]
    public EventCallback OnClearFilters { get; set; }

    protected override void OnInitialized() =>
        live = LiveSubscription.Start<LiveChange>(Feed, InvokeAsync, DispatchExceptionAsync, OnLiveAsync, c => c is AlertChanged or AlertsScanned);

    protected override async Task OnParametersSetAsync()
    {
        if (Query == loadedQuery)
        {
            return;
        }

        // The table reads its first page itself once rendered; later filters start again from the first page.
        var first = loadedQuery is null;
        loadedQuery = Query;
        if (!first && table is not null)
        {
            flashes.Clear();
            if (table.CurrentPage > 0)
            {
                table.NavigateTo(0);
            }
            else
            {
                await table.ReloadServerData();
            }
        }
    }

    public void Dispose() => live?.Dispose();

    private Task OnLiveAsync(IReadOnlyList<LiveChange> _) => ReloadAsync();

    private async Task ReloadAsync()
    {
        if (table is null)
        {
            return;
        }

        flashNextLoad = true;
        await table.ReloadServerData();
        StateHasChanged();
    }

    private async Task<TableData<AlertCard>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        // Unsorted, the table shows the highest risks first.
        var sorted = Enum.TryParse<AlertSort>(state.SortLabel, out var sort) && state.SortDirection != SortDirection.None;
        var page = await Board.PageAsync(
            Query.ToFilter(), UserId, state.Page * state.PageSize, state.PageSize,
            sorted ? sort : AlertSort.Risk, !sorted || state.SortDirection == SortDirection.Descending, cancellationToken);

        if (flashNextLoad)
        {
            foreach (var card in page.Items.Where(c => !shown.TryGetValue(c.Id, out var before) || before != c))
            {
                flashes[card.Id] = flashes.GetValueOrDefault(card.Id) + 1;
            }
        }

        flashNextLoad = false;
        shown = page.Items.ToDictionary(c => c.Id);
        return new TableData<AlertCard> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private string RowClass(AlertCard card, int _) => flashes.TryGetValue(card.Id, out var times) ? $"alert-row-flash-{times % 2}" : "";
}
