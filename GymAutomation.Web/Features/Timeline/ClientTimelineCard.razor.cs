using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Timeline;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Features.Clients;
using GymAutomation.Web.Live;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Timeline;

public sealed partial class ClientTimelineCard : IDisposable
{
    private static readonly IReadOnlyCollection<TimelineKind> AllKinds = Enum.GetValues<TimelineKind>();

    private TimelineWords words = null!;
    private IReadOnlyCollection<TimelineKind> selected = AllKinds;
    private List<TimelineEntry>? entries;
    private TimelineCursor? next;
    private bool loadingMore;
    private int loadedFor;
    private LiveSubscription<LiveChange>? live;

    [Inject]
    private ClientTimeline Timeline { get; set; } = null!;

    [Inject]
    private LiveFeed Feed { get; set; } = null!;

    [Inject]
    private GymFormat Format { get; set; } = null!;

    [Inject]
    private IStringLocalizer<TimelineText> T { get; set; } = null!;

    [Inject]
    private IStringLocalizer<ClientsText> C { get; set; } = null!;

    /// <summary>The client whose timeline this is.</summary>
    [Parameter, EditorRequired]
    public int ClientId { get; set; }

    /// <summary>Entries read at a time.</summary>
    [Parameter]
    public int PageSize { get; set; } = ClientTimeline.DefaultPageSize;

    protected override void OnInitialized()
    {
        words = new TimelineWords(T, C, Format);
        live = LiveSubscription.Start<LiveChange>(Feed, InvokeAsync, DispatchExceptionAsync, OnLiveAsync, IsAboutThisClient);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (entries is null || loadedFor != ClientId)
        {
            await ReloadAsync();
        }
    }

    public void Dispose() => live?.Dispose();

    private bool IsAboutThisClient(LiveChange change) => change switch
    {
        ClientActivity a => a.ClientId == ClientId,
        ScoreChanged s => s.ClientId == ClientId,
        AlertChanged a => a.ClientId == ClientId,
        EmailsSent e => e.ClientIds.Contains(ClientId),
        AlertsScanned or ScoresRecalculated => true,
        _ => false,
    };

    private async Task ReloadAsync()
    {
        entries = null;
        var page = await Timeline.PageAsync(ClientId, selected, null, PageSize);
        loadedFor = ClientId;
        entries = [.. page.Entries];
        next = page.Next;
    }

    private async Task KindsChangedAsync(IReadOnlyCollection<TimelineKind>? kinds)
    {
        selected = kinds ?? [];
        await ReloadAsync();
    }

    private async Task LoadMoreAsync()
    {
        if (next is null || entries is null)
        {
            return;
        }

        loadingMore = true;
        try
        {
            var page = await Timeline.PageAsync(ClientId, selected, next, PageSize);
            entries.AddRange(page.Entries);
            next = page.Next;
        }
        finally
        {
            loadingMore = false;
        }
    }

    /// <summary>
    /// Puts what is newer than the newest entry shown on top; the pages already read, and where "load more" goes on
    /// from, stay as they are.
    /// </summary>
    private async Task OnLiveAsync(IReadOnlyList<LiveChange> changes)
    {
        if (entries is null)
        {
            return;
        }

        var page = await Timeline.PageAsync(ClientId, selected, null, PageSize);
        if (entries.Count == 0)
        {
            entries = [.. page.Entries];
            next = page.Next;
        }
        else
        {
            var newest = entries[0].Position;
            entries.InsertRange(0, page.Entries.Where(e => TimelineCursor.NewestFirst(e.Position, newest) < 0));
        }

        StateHasChanged();
    }

    private string DayName(DateOnly day)
    {
        var today = Format.Today;
        if (day == today || day == today.AddDays(-1))
        {
            return day == today ? T["Today"] : T["Yesterday"];
        }

        // Spanish writes weekdays in lower case; a heading starts with a capital in both languages.
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        var text = day.ToString("D", culture);
        return char.ToUpper(text[0], culture) + text[1..];
    }
}
