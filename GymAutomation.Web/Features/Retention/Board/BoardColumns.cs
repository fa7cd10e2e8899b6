using System.Diagnostics.CodeAnalysis;
using GymAutomation.Core.Retention;

namespace GymAutomation.Web.Features.Retention.Board;

/// <summary>
/// What the board view shows: the count of each state and the first cards of each, <see cref="PageSize"/> more on
/// demand, so ten thousand open alerts cost a few dozen cards on screen; and how often each card has changed under a
/// live reload, for its highlight. Which column a card may be dropped on is decided here too.
/// </summary>
/// <remarks>
/// The board's items are alert ids: the drop container's zones key their items by hash code, and an id is one card
/// however often it is reloaded.
/// </remarks>
public sealed class BoardColumns
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<AlertStatus> Statuses = [AlertStatus.Open, AlertStatus.InProgress, AlertStatus.Resolved, AlertStatus.Dismissed];

    private readonly Dictionary<AlertStatus, int> takes = [];
    private readonly Dictionary<int, int> flashes = [];
    private Dictionary<int, AlertCard> cards = [];
    private long loads;

    /// <summary>The alert ids on the board, column after column.</summary>
    public IReadOnlyList<int> Order { get; private set; } = [];

    /// <summary>How many alerts the filters find in each state.</summary>
    public IReadOnlyDictionary<AlertStatus, int> Counts { get; private set; } = new Dictionary<AlertStatus, int>();

    /// <summary>How many of them each column shows.</summary>
    public IReadOnlyDictionary<AlertStatus, int> Shown { get; private set; } = new Dictionary<AlertStatus, int>();

    public AlertCard Card(int alertId) => cards[alertId];

    public bool TryGetCard(int alertId, [MaybeNullWhen(false)] out AlertCard card) => cards.TryGetValue(alertId, out card);

    /// <summary>How often the card changed under a live reload: each change flashes it again.</summary>
    public int Flashes(int alertId) => flashes.GetValueOrDefault(alertId);

    /// <summary>New filters: every column starts again from its first page, and nothing is highlighted.</summary>
    public void Reset()
    {
        takes.Clear();
        flashes.Clear();
    }

    public void ShowMore(AlertStatus status) => takes[status] = Take(status) + PageSize;

    /// <summary>
    /// Reads the counts and the columns at once; with <paramref name="flash"/>, marks the cards that are new or changed.
    /// False when a later load started meanwhile: what it reads is newer, and this one changes nothing.
    /// </summary>
    public async Task<bool> LoadAsync(AlertBoard board, AlertFilter filter, string? userId, bool flash)
    {
        var load = ++loads;
        var countsRead = board.CountsAsync(filter, userId);
        var columnReads = Statuses.Select(s => board.ColumnAsync(filter, userId, s, Take(s))).ToList();
        var columns = await Task.WhenAll(columnReads);
        var newCounts = await countsRead;
        if (load != loads)
        {
            return false;
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
        Order = [.. columns.SelectMany(c => c).Select(c => c.Id).Distinct()];
        Counts = newCounts;
        Shown = Statuses.ToDictionary(s => s, s => cards.Values.Count(c => c.Status == s));
        return true;
    }

    public bool InColumn(int alertId, string zone) => cards.TryGetValue(alertId, out var card) && AlertTypes.Code(card.Status) == zone;

    /// <summary>Open cards go anywhere; closed ones only back to open. Start is for open cards only.</summary>
    public bool CanDrop(int alertId, string zone) =>
        cards.TryGetValue(alertId, out var card) && AlertTypes.TryParseStatus(zone, out var target) && target switch
        {
            AlertStatus.Open => card.Status != AlertStatus.Open,
            AlertStatus.InProgress => card.Status == AlertStatus.Open,
            _ => card.IsOpen,
        };

    private int Take(AlertStatus status) => takes.GetValueOrDefault(status, PageSize);
}
