using GymAutomation.Core.Staff;
using GymAutomation.Web.Features.Retention;
using GymAutomation.Web.Features.Retention.Alerts;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Retention.Board;

/// <summary>
/// The retention board: members at risk, as a board of four columns or a table, filtered by type, assignee, risk
/// (and state, in the table). The filters live in the address — each change replaces it, and the page follows the
/// address, so a shared link, a reload and the menu's own link all show what the address says.
/// </summary>
public sealed partial class Retention : IDisposable
{
    /// <summary>The page's address (its route, relative to the base); leaving it for another page changes no filter.</summary>
    private const string Path = "marketing/automation/retention";

    private BoardQuery query = new();
    private IReadOnlyList<(string Id, string DisplayName)> staff = [];
    private string? userId;

    /// <summary>Who "mine" is, known: the views wait for it, so their first read is already right.</summary>
    private bool ready;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private StaffAccounts Staff { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RetentionBoardText> T { get; set; } = default!;

    [Inject]
    private AlertActions Actions { get; set; } = default!;

    /// <summary><c>?alert=ID</c> (a link from a client's timeline): the board opens with that alert's details.</summary>
    [SupplyParameterFromQuery(Name = "alert")]
    public int? AlertId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        query = BoardQuery.Parse(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
        userId = AuthenticationState is null ? null : StaffClaims.IdOf((await AuthenticationState).User);
        ready = true;
        staff = await Staff.ListAssignableAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && AlertId is { } alertId)
        {
            await Actions.ShowDetailsAsync(alertId);
        }
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (Navigation.ToBaseRelativePath(e.Location).Split('?', '#')[0].TrimEnd('/') != Path)
        {
            return;
        }

        var next = BoardQuery.Parse(e.Location);
        if (next != query)
        {
            query = next;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private void Filter(BoardQuery next) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.ToParameters()), replace: true);

    private void ClearFilters() => Filter(new BoardQuery { View = query.View });
}
