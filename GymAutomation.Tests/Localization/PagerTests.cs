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

    [Theory]
    [InlineData("es", "1-10 de 60", "Filas por página", "Rows per page")]
    [InlineData("en", "1-10 of 60", "Rows per page", "Filas por página")]
    public void A_tables_pager_reads_in_the_users_language(string language, string range, string rowsPerPage, string otherLanguage)
    {
        using var scope = new CultureScope(language);
        ui.RenderHost();
        var table = ui.Context.Render<PagedTable>();

        Assert.Equal([range], table.FindAll(".mud-table-pagination-caption").Select(c => c.TextContent.Trim()).Where(c => c.Contains("60", StringComparison.Ordinal)));
        Assert.Contains(rowsPerPage, table.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(otherLanguage, table.Markup, StringComparison.Ordinal);
    }

    /// <summary>MudBlazor asks no localizer for a table pager's range and rows-per-page: only the app's pager gives them.</summary>
    [Fact]
    public void Every_table_in_the_app_pages_with_the_apps_pager()
    {
        var web = Path.Combine(TestPaths.RepositoryRoot, "GymAutomation.Web");
        var shared = Path.Combine(web, "Components", "Shared", "GymTablePager.razor");

        Assert.Empty(Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(file => file != shared && File.ReadAllText(file).Contains("<MudTablePager", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(web, file)));
    }
}
