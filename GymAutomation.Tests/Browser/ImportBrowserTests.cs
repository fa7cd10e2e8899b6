using GymAutomation.Tests.Import;
using GymAutomation.Tests.Support;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>The import page in a real browser: the files leave the browser while the page moves on to show progress.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    [Fact]
    public async Task A_manager_uploads_the_files_sees_the_dry_run_imports_and_the_clients_are_there()
    {
        using var folder = new ImportFolder()
            .With("clients.csv", "external_id,first_name,status,created_at", "B-1,Bruno,ACTIVE,2025-01-10T09:00:00Z", "B-2,Berta,MEMBER,2025-01-10T09:00:00Z")
            .With("visits.csv", "client_external_id,visited_at", "B-1,2026-02-01T08:00:00Z");
        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        await page.GotoAsync("/admin/import");
        await BrowserPages.WaitForInteractiveAsync(page);

        await page.Locator("input[type=file]").SetInputFilesAsync([Path.Combine(folder.Path, "clients.csv"), Path.Combine(folder.Path, "visits.csv")]);

        await Expect(page.GetByTestId("import-verdict")).ToContainTextAsync("Importing would accept 2 rows (2 new, 0 updated) and leave out 1 row.");
        await Expect(page.GetByTestId("import-rejections")).ToContainTextAsync("status: \"MEMBER\" is not one of LEAD, ACTIVE, INACTIVE.");
        await BrowserPages.ScreenshotAsync(page, "import-dry-run");
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM Clients WHERE ExternalId LIKE 'B-%'"));

        await page.GetByTestId("import").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Expect(page.GetByTestId("import-verdict")).ToContainTextAsync("Imported: 2 new rows, 0 updated, 0 already as they were; 1 left out.");
        Assert.Equal(1L, await CountAsync("SELECT COUNT(*) FROM Clients WHERE ExternalId LIKE 'B-%'"));
        Assert.Equal(1L, await CountAsync("SELECT COUNT(*) FROM Visits v JOIN Clients c ON c.Id = v.ClientId WHERE c.ExternalId = 'B-1'"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(server.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
