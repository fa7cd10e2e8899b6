using GymAutomation.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>
/// Every page of the demo gym, as its visitor opens it, in English and in Spanish, has no serious or critical
/// accessibility violation that axe-core finds (WCAG 2.1 A and AA and axe's best practices); nor have the dialogs that
/// are most of a page's work.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser, DemoGymServer server) : IClassFixture<DemoGymServer>
{
    public static TheoryData<string> Pages => [.. EveryPage.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_accessibility_violation_in_either_language(string name)
    {
        var appPage = EveryPage.All.Single(p => p.Name == name);
        var path = appPage.Path(await DemoRows.ReadAsync(server.App));
        var page = await VisitorPageAsync(appPage.Visitor);
        var found = new List<string>();

        foreach (var language in (string[])["en", "es"])
        {
            await page.GotoAsync($"/culture/set?culture={language}&returnUrl={Uri.EscapeDataString(path)}");
            found.AddRange(await CheckAsync(page, language, appPage.Visitor));
        }

        Assert.True(found.Count == 0, $"{name} ({path}) has serious or critical accessibility violations:\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task The_alert_details_dialog_on_the_board_has_no_serious_accessibility_violation()
    {
        var page = await VisitorPageAsync(PageVisitor.Admin);
        await page.GotoAsync("/culture/set?culture=en&returnUrl=%2Fmarketing%2Fautomation%2Fretention%2F");
        await BrowserPages.WaitForInteractiveAsync(page);
        await page.GetByTestId("alert-notes").First.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();

        var found = await CheckAsync(page, "en", PageVisitor.Admin);

        Assert.True(found.Count == 0, "The alert details have serious or critical accessibility violations:\n" + string.Join("\n", found));
    }

    /// <summary>Keyboard only: the step's up arrow is reached with the focus and pressed, then again at its new place.</summary>
    [Fact]
    public async Task A_step_moves_up_two_places_from_the_keyboard_and_each_move_is_announced()
    {
        var page = await VisitorPageAsync(PageVisitor.Admin);
        var rows = await DemoRows.ReadAsync(server.App);
        await page.GotoAsync($"/culture/set?culture=en&returnUrl=%2Fmarketing%2Fautomation%2Fworkflows%2F{rows.WorkflowId}");
        await BrowserPages.WaitForInteractiveAsync(page);
        // The main path's steps: the demo's welcome has branches, whose steps stay where they are.
        var titles = page.Locator("[data-step-key]:not([data-step-key*='.']) [data-testid=step-title]");
        await Expect(titles.Nth(2)).ToBeVisibleAsync();
        var names = (await titles.AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        string[] once = [.. new[] { names[0], names[2], names[1] }.Concat(names.Skip(3))];
        string[] twice = [.. names.Take(2).Prepend(names[2]).Concat(names.Skip(3))];

        await page.Locator("[data-step-key='Steps[2]'] [data-testid=step-up]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(titles).ToHaveTextAsync(once);
        await Expect(page.GetByTestId("steps-announcement")).ToHaveTextAsync($"“{names[2]}” moved to position 2 of {names.Count}.");
        await page.Locator("[data-step-key='Steps[1]'] [data-testid=step-up]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(titles).ToHaveTextAsync(twice);
        await Expect(page.GetByTestId("steps-announcement")).ToHaveTextAsync($"“{names[2]}” moved to position 1 of {names.Count}.");
    }

    /// <summary>
    /// A card is dragged to another column to act on it; from the keyboard, its menu does the same (Start moves it to
    /// In progress), opened and chosen with Enter.
    /// </summary>
    [Fact]
    public async Task A_card_moves_to_in_progress_from_the_keyboard_through_its_menu()
    {
        var page = await VisitorPageAsync(PageVisitor.Admin);
        await page.GotoAsync("/culture/set?culture=en&returnUrl=%2Fmarketing%2Fautomation%2Fretention%2F");
        await BrowserPages.WaitForInteractiveAsync(page);
        var card = page.GetByTestId("column-OPEN").GetByTestId("alert-card").First;
        var alertId = await card.GetAttributeAsync("data-alert-id");

        await card.GetByTestId("alert-menu").Locator("button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("action-start")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("column-IN_PROGRESS").Locator($"[data-alert-id='{alertId}']")).ToBeVisibleAsync();
    }

    private async Task<IPage> VisitorPageAsync(PageVisitor visitor)
    {
        var page = await browser.NewPageAsync(server.BaseUrl);
        if (EveryPage.SignInOf(visitor) is { } signIn)
        {
            await BrowserPages.SignInAsync(page, signIn.Email, signIn.Password);
        }

        return page;
    }

    /// <summary>
    /// Waits for the page to be up and its data shown, then lists what axe finds, each line saying the language. Only
    /// a signed-in visitor gets a live circuit; the anonymous pages are plain HTML.
    /// </summary>
    private static async Task<IReadOnlyList<string>> CheckAsync(IPage page, string language, PageVisitor visitor)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        if (visitor != PageVisitor.Anonymous)
        {
            await BrowserPages.WaitForInteractiveAsync(page);
        }

        await Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0);
        var violations = await Axe.SeriousViolationsAsync(page);
        return [.. violations.Select(v => $"[{language}] {v}")];
    }
}
