using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Web.Features.Retention.Alerts;
using GymAutomation.Web.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GymAutomation.Web.Features.Retention.Board;

/// <summary>
/// The board view: the count of each state and the first cards of each, <see cref="PageSize"/> more on demand, so
/// ten thousand open alerts cost a few dozen cards on screen. Dropping a card on another column acts on it (start,
/// resolve, dismiss, back to open). Changes by colleagues, check-ins and the scan arrive live: the board reloads and
/// highlights the cards that changed.
/// </summary>
/// <remarks>
/// The drop container's items are alert ids: its zones key their items by hash code, and an id is one card however
/// often it is reloaded. Each load hands the zones the board's order again (<see cref="MudDropContainer{T}.Refresh"/>).
/// </remarks>
public sealed partial class AlertBoardView : IDisposable
{
    public const int PageSize = 50;

    private static readonly AlertStatus[] Columns = [AlertStatus.Open, AlertStatus.InProgress, AlertStatus.Resolved, AlertStatus.Dismissed];

    private readonly Dictionary<AlertStatus, int> takes = [];
    private readonly Dictionary<int, int> flashes = [];
    private Dictionary<int, AlertCard> cards = [];
    private List<int> order = [];
    private IReadOnlyDictionary<AlertStatus, int> counts = new Dictionary<AlertStatus, int>();
    private Dictionary<AlertStatus, int> shown = [];
    private MudDropContainer<int>? container;
    private BoardQuery? loadedQuery;
    private bool loading = true;
    private long loads;
    private LiveSubscription<LiveChange>? live;

    [Inject]
    private AlertBoard Board { get; set; } = default!;

    [Inject]
    private AlertActions Actions { get; set; } = default!;

    [Inject]
    private LiveFeed Feed { get; set; } = default!;

    /// <summary>The filters (its state is the table's; the board shows every state).</summary>
    [Parameter, EditorRequired]
    public BoardQuery Query { get; set; } = default!;

    /// <summary>The signed-in staff member, for "mine".</summary>
    [Parameter]
    public string? UserId { get; set; }

    [Parameter]
    public EventCallback OnClearFilters { get; set; }

    private bool NoAlertsAtAll => !loading && !Query.HasFilters && counts.Values.All(c => c == 0);

    protected override void OnInitialized() =>
        // Subscribed before the first read, so nothing that happens meanwhile is missed.
        live = LiveSubscription.Start<LiveChange>(Feed, InvokeAsync, DispatchExceptionAsync, OnLiveAsync, c => c is AlertChanged or AlertsScanned);

    protected override async Task OnParametersSetAsync()
    {
        if (Query == loadedQuery)
        {
            return;
        }

        loadedQuery = Query;
        takes.Clear();
        flashes.Clear();
        await LoadAsync(flash: false);
        loading = false;
    }

    public void Dispose() => live?.Dispose();

    private Task OnLiveAsync(IReadOnlyList<LiveChange> _) => ReloadAsync();

    private async Task ReloadAsync()
    {
        await LoadAsync(flash: true);
        StateHasChanged();
    }

    private async Task ShowMoreAsync(AlertStatus status)
    {
        takes[status] = Take(status) + PageSize;
        await LoadAsync(flash: false);
    }

    private int Take(AlertStatus status) => takes.GetValueOrDefault(status, PageSize);

    /// <summary>Reads the counts and the columns at once; with <paramref name="flash"/>, marks the cards that are new or changed.</summary>
    private async Task LoadAsync(bool flash)
    {
        var load = ++loads;
        var filter = Query.ToFilter();
        var countsRead = Board.CountsAsync(filter, UserId);
        var columnReads = Columns.Select(s => Board.ColumnAsync(filter, UserId, s, Take(s))).ToList();
        var columns = await Task.WhenAll(columnReads);
        var newCounts = await countsRead;
        if (load != loads)
        {
            // A later load started meanwhile: what it reads is newer.
            return;
        }

        // A card moved between two columns' reads is in both: the later version is where it is.
        var loaded = new Dictionary<int, AlertCard>();
        foreach (var card in columns.SelectMany(c => c))
        {
            if (!loaded.TryGetValue(card.Id, out var seen) || card.Version > seen.Version)
            {
                loaded[card.Id] = card;
            }
        }

        if (flash)
        {
            foreach (var card in loaded.Values.Where(c => !cards.TryGetValue(c.Id, out var before) || before != c))
            {
                flashes[card.Id] = flashes.GetValueOrDefault(card.Id) + 1;
            }
        }

        cards = loaded;
        order = [.. columns.SelectMany(c => c).Select(c => c.Id).Distinct()];
        counts = newCounts;
        shown = Columns.ToDictionary(s => s, s => cards.Values.Count(c => c.Status == s));
        container?.Refresh();
    }

    private bool InColumn(int alertId, string zone) => cards.TryGetValue(alertId, out var card) && AlertTypes.Code(card.Status) == zone;

    /// <summary>Open cards go anywhere; closed ones only back to open. Start is for open cards only.</summary>
    private bool CanDrop(int alertId, string zone) =>
        cards.TryGetValue(alertId, out var card) && AlertTypes.TryParseStatus(zone, out var target) && target switch
        {
            AlertStatus.Open => card.Status != AlertStatus.Open,
            AlertStatus.InProgress => card.Status == AlertStatus.Open,
            _ => card.IsOpen,
        };

    private Task OnDroppedAsync(MudItemDropInfo<int> drop)
    {
        // The container ends the drag only once this handler returns, and a dialog may stay open for minutes: the move
        // runs after the drag has ended, on this component's dispatcher, its failures the component's own.
        _ = MoveAsync(drop.Item, drop.DropzoneIdentifier);
        return Task.CompletedTask;
    }

    private async Task MoveAsync(int alertId, string zone)
    {
        try
        {
            await Task.Yield();
            // The card's column forgot its place when the drag ended; it stays there until the action says otherwise.
            container?.Refresh();
            if (cards.TryGetValue(alertId, out var card) && AlertTypes.TryParseStatus(zone, out var target) && target != card.Status)
            {
                await (target switch
                {
                    AlertStatus.InProgress => Actions.StartAsync(card),
                    AlertStatus.Resolved => Actions.ResolveAsync(card),
                    AlertStatus.Dismissed => Actions.DismissAsync(card),
                    _ => Actions.ReopenAsync(card),
                });
            }

            await ReloadAsync();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }
}
