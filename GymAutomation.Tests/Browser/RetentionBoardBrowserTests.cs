using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>
/// The retention board in two staff members' browsers at once: what one does shows on the other's board, live.
/// A drag is fired as HTML5 drag events in the page (see <see cref="WorkflowEditorBrowserTests"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RetentionBoardBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    private const string Board = "/marketing/automation/retention/";

    /// <summary>Live changes reach the other board in well under a second; this leaves room for a busy machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions FewSeconds = new() { Timeout = 5_000 };

    [Fact]
    public async Task One_resolves_from_the_card_menu_the_other_drags_a_card_to_in_progress_and_each_board_follows_without_a_reload()
    {
        await server.App.CreateStaffAsync("ana@test.gym", Roles.Staff);
        await server.App.CreateStaffAsync("ben@test.gym", Roles.Staff);
        var iris = await AlertAsync("Iris", risk: 90);
        var hugo = await AlertAsync("Hugo", risk: 60);

        var ana = await OpenBoardAsync("ana@test.gym");
        var ben = await OpenBoardAsync("ben@test.gym");
        await Expect(Card(ben, "OPEN", iris)).ToBeVisibleAsync();
        await ben.EvaluateAsync("window.stillTheSamePage = true");
        await ana.EvaluateAsync("window.stillTheSamePage = true");

        await Card(ana, "OPEN", iris).GetByTestId("alert-menu").Locator("button").ClickAsync();
        await ana.GetByTestId("action-resolve").ClickAsync();
        await ana.GetByTestId("resolve-dialog").GetByText("Contacted", new() { Exact = true }).ClickAsync();
        await ana.GetByTestId("dialog-save").ClickAsync();
        await Expect(ana.Locator("#mud-snackbar-container")).ToContainTextAsync("Iris Test's alert resolved.");
        await Expect(Card(ana, "RESOLVED", iris)).ToBeVisibleAsync();

        await Expect(Card(ben, "RESOLVED", iris)).ToBeVisibleAsync(FewSeconds);
        await Expect(Card(ben, "RESOLVED", iris).GetByTestId("alert-ending")).ToHaveTextAsync("Contacted");
        await Expect(ben.GetByTestId("column-count")).ToHaveTextAsync(["1", "0", "1", "0"]);
        await BrowserPages.ScreenshotAsync(ben, "retention-board-after-a-colleague-resolved");

        await DragAsync(ben, hugo, "IN_PROGRESS");
        await Expect(Card(ben, "IN_PROGRESS", hugo).GetByTestId("alert-assignee")).ToHaveTextAsync("ben");
        await Expect(Card(ana, "IN_PROGRESS", hugo)).ToBeVisibleAsync(FewSeconds);
        await Expect(ana.GetByTestId("column-count")).ToHaveTextAsync(["0", "1", "1", "0"]);

        Assert.True(await ana.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        Assert.True(await ben.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        await BrowserPages.ScreenshotAsync(ana, "retention-board-after-a-colleague-started");
    }

    private async Task<IPage> OpenBoardAsync(string email)
    {
        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, email, GymAppFactory.StaffPassword);
        await page.GotoAsync(Board);
        await BrowserPages.WaitForInteractiveAsync(page);
        return page;
    }

    private static ILocator Card(IPage page, string column, int alertId) =>
        page.GetByTestId($"column-{column}").Locator($"[data-alert-id='{alertId}']");

    /// <summary>HTML5 drag and drop as the browser fires it: the card is picked up and dropped on the column's zone.</summary>
    private static async Task DragAsync(IPage page, int alertId, string column) =>
        await page.EvaluateAsync(
            """
            ([alertId, column]) => {
                const source = document.querySelector(`[data-alert-id='${alertId}']`).closest('.mud-drop-item');
                const zone = document.querySelector(`[data-testid=column-${column}] .mud-drop-zone`);
                const box = zone.getBoundingClientRect();
                const at = { bubbles: true, cancelable: true, dataTransfer: new DataTransfer(), clientX: box.left + 20, clientY: box.top + 20 };
                source.dispatchEvent(new DragEvent('dragstart', at));
                zone.dispatchEvent(new DragEvent('dragenter', at));
                zone.dispatchEvent(new DragEvent('dragover', at));
                zone.dispatchEvent(new DragEvent('drop', at));
                source.dispatchEvent(new DragEvent('dragend', at));
            }
            """,
            new object[] { alertId, column });

    private async Task<int> AlertAsync(string firstName, int risk)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GymDbContext>();
        var alert = AbsentMembers.Add(db, firstName, server.App.Services.GetRequiredService<GymClock>().UtcNow, risk);
        await db.SaveChangesAsync();
        return alert.Id;
    }
}
