using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Staff;
using GymAutomation.Web.Live;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace GymAutomation.Web.Features.Scoring;

/// <summary>
/// The scoring dashboard: the live leaderboard, the distribution of scores and the feed of changes. Score changes
/// arrive through a <see cref="LiveSubscription{T}"/>; each batch reloads the board (one query) and marks the rows
/// that changed and moved. The filters live in the address (<c>?stage=HotLead&amp;source=web</c>), so a link — the
/// managers' dashboard's "hot leads" card — or a reload brings the same board back; values it does not know are ignored.
/// </summary>
public sealed partial class ScoringDashboard
{
    public const string Path = "marketing/automation/scoring";
    public const int BoardSize = 20;
    public const int FeedSize = 15;

    /// <summary>The stages a lead can be at (a member is no longer on the board).</summary>
    private static readonly PipelineStage[] LeadStages = [PipelineStage.New, PipelineStage.Contacted, PipelineStage.HotLead, PipelineStage.Trial, PipelineStage.Lost];

    /// <summary>How long the arrow of a rank change stays.</summary>
    private static readonly TimeSpan MoveShownFor = TimeSpan.FromSeconds(15);

    private readonly Dictionary<int, (RankMove Move, DateTime At)> moves = [];
    private readonly Dictionary<int, int> flashes = [];
    private LeadFilter filter = new();
    private IReadOnlyList<LeaderboardRow> rows = [];
    private IReadOnlyList<ScoreBucket> buckets = [];
    private IReadOnlyList<string> sources = [];
    private List<FeedLine> feed = [];
    private long feedSequence;
    private bool loading = true;
    private string? userId;
    private LiveSubscription<LiveChange>? live;

    [Inject]
    private LeadScores Scores { get; set; } = default!;

    [Inject]
    private LiveFeed Feed { get; set; } = default!;

    [Inject]
    private GymClock Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyDictionary<int, RankMove> CurrentMoves => moves.ToDictionary(m => m.Key, m => m.Value.Move);

    protected override async Task OnInitializedAsync()
    {
        filter = FilterIn(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
        // Subscribed before the first read, so nothing that happens meanwhile is missed.
        live = LiveSubscription.Start<LiveChange>(Feed, InvokeAsync, DispatchExceptionAsync, OnLiveAsync,
            c => c is ScoreChanged or ScoresRecalculated or AutomationFired or StaffNotified);
        userId = AuthenticationState is null ? null : StaffClaims.IdOf((await AuthenticationState).User);
        sources = await Scores.SourcesAsync();
        feed = (await Scores.RecentChangesAsync(FeedSize)).Select(FeedLine.From).ToList();
        await LoadBoardAsync(trackMoves: false);
        loading = false;
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        live?.Dispose();
    }

    /// <summary>The filter the address asks for: <c>stage</c> a lead stage's name, <c>source</c> any text.</summary>
    private static LeadFilter FilterIn(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Value(string key) => query.TryGetValue(key, out var values) && !string.IsNullOrWhiteSpace(values.FirstOrDefault()) ? values[0]!.Trim() : null;
        var stage = Enum.TryParse<PipelineStage>(Value("stage"), ignoreCase: true, out var parsed) && LeadStages.Contains(parsed) ? parsed : (PipelineStage?)null;
        return new LeadFilter(stage, Value("source"));
    }

    private async Task OnLiveAsync(IReadOnlyList<LiveChange> changes)
    {
        var scores = changes.OfType<ScoreChanged>().ToList();
        foreach (var change in scores)
        {
            flashes[change.ClientId] = flashes.GetValueOrDefault(change.ClientId) + 1;
        }

        feed = changes.OfType<ScoresRecalculated>().Any()
            ? (await Scores.RecentChangesAsync(FeedSize)).Select(FeedLine.From).ToList()
            : scores.AsEnumerable().Reverse().Select(c => FeedLine.From(c, ++feedSequence)).Concat(feed).Take(FeedSize).ToList();
        foreach (var note in changes.OfType<StaffNotified>().Where(n => n.StaffUserId == userId))
        {
            Snackbar.Add(T.Plural("YouWereNotified", note.Score, note.ClientName, note.AutomationName), Severity.Info);
        }

        await LoadBoardAsync(trackMoves: true);
        StateHasChanged();
    }

    private async Task LoadBoardAsync(bool trackMoves)
    {
        var before = rows.Select((r, i) => (r.ClientId, Rank: i + 1)).ToDictionary(r => r.ClientId, r => r.Rank);
        rows = await Scores.LeaderboardAsync(filter, BoardSize);
        buckets = await Scores.DistributionAsync(filter);

        var now = Clock.UtcNow;
        foreach (var stale in moves.Where(m => now - m.Value.At > MoveShownFor).Select(m => m.Key).ToList())
        {
            moves.Remove(stale);
        }

        if (!trackMoves)
        {
            return;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var id = rows[i].ClientId;
            if (!before.TryGetValue(id, out var rank))
            {
                moves[id] = (new RankMove(null), now);
            }
            else if (rank != i + 1)
            {
                moves[id] = (new RankMove(rank - (i + 1)), now);
            }
        }
    }

    private void OnStageChanged(PipelineStage? stage) => Navigate(filter with { Stage = stage });

    private void OnSourceChanged(string? source) => Navigate(filter with { Source = source });

    private void Navigate(LeadFilter next) =>
        Navigation.NavigateTo(
            Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["stage"] = next.Stage?.ToString(), ["source"] = next.Source }),
            replace: true);

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (Navigation.ToBaseRelativePath(e.Location).Split('?', '#')[0].TrimEnd('/') != Path)
        {
            return;
        }

        var next = FilterIn(e.Location);
        if (next != filter)
        {
            _ = InvokeAsync(() => DispatchAsync(() => FilterAsync(next)));
        }
    }

    private async Task DispatchAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
    }

    private async Task FilterAsync(LeadFilter newFilter)
    {
        filter = newFilter;
        moves.Clear();
        await LoadBoardAsync(trackMoves: false);
        StateHasChanged();
    }
}
