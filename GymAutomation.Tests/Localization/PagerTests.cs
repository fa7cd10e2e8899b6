using Bunit;
using GymAutomation.Tests.Support;
using GymAutomation.Core.Staff;
using GymAutomation.Web.Security;

namespace GymAutomation.Tests.Localization;

/// <summary>MudBlazor's own words, which it ships only in English, read in the user's language.</summary>
public sealed class PagerTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        ui.SignIn(Roles.Staff, Policies.AnyStaff);
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Theory]
    [InlineData("es", "1-10 de 60", "Filas por página:")]
    [InlineData("en", "1-10 of 60", "Rows per page:")]
    public void A_grids_pager_reads_in_the_users_language(string language, string range, string rowsPerPage)
    {
        using var scope = new CultureScope(language);
        ui.RenderHost();
        var grid = ui.Context.Render<PagedGrid>();

        Assert.Contains(range, grid.FindAll(".mud-table-pagination-caption").Select(c => c.TextContent.Trim()));
        Assert.Contains(rowsPerPage, grid.Markup, StringComparison.Ordinal);
    }
}
