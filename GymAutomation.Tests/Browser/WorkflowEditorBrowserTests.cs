using GymAutomation.Core.Events;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>
/// The editor in a real browser. Playwright's own drag (mouse moves) does not make Chromium fire HTML5 drag events at
/// MudBlazor's drop zone, so the drag test fires them in the page, as the browser would for a real drag.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowEditorBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    [Fact]
    public async Task A_marketer_moves_an_email_above_a_wait_it_goes_out_earlier_and_leaving_unsaved_asks_first()
    {
        await server.App.CreateStaffAsync("marketer@test.gym", Roles.Marketer);
        var draft = new WorkflowDraft
        {
            Name = "Drag me",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [Step("A"), StepDraft.Wait(2), Step("B"), StepDraft.Wait(3), Step("C")],
        };
        var id = (await server.App.Services.GetRequiredService<WorkflowEditor>().SaveAsync(null, draft)).Value!.Id;

        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "marketer@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync($"/marketing/automation/workflows/{id}");
        await BrowserPages.WaitForInteractiveAsync(page);
        var days = page.GetByTestId("step-day");
        await Expect(days).ToHaveTextAsync(["Day 0", "Day 2", "Day 2", "Day 5", "Day 5"]);

        await page.GetByTestId("step-up").Nth(4).ClickAsync();

        await Expect(page.GetByTestId("step-title")).ToHaveTextAsync(["Step 1: A", "Step 2: Wait 2 days", "Step 3: B", "Step 4: C", "Step 5: Wait 3 days"]);
        await Expect(days).ToHaveTextAsync(["Day 0", "Day 2", "Day 2", "Day 2", "Day 5"]);
        await BrowserPages.ScreenshotAsync(page, "workflow-editor-after-a-move");

        await page.GetByText("Workflows", new() { Exact = true }).First.ClickAsync();
        await Expect(page.GetByText("Leave without saving?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        Assert.EndsWith($"/marketing/automation/workflows/{id}", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marketer_drags_a_step_to_a_new_place_saves_and_after_a_reload_sees_the_new_order()
    {
        await server.App.CreateStaffAsync("dragger@test.gym", Roles.Marketer);
        var draft = new WorkflowDraft
        {
            Name = "Drag for real",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [Step("A"), Step("B"), Step("C")],
        };
        var id = (await server.App.Services.GetRequiredService<WorkflowEditor>().SaveAsync(null, draft)).Value!.Id;

        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "dragger@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync($"/marketing/automation/workflows/{id}");
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("step-title")).ToHaveTextAsync(["Step 1: A", "Step 2: B", "Step 3: C"]);

        await DragAsync(page, from: 0, onto: 2);

        await Expect(page.GetByTestId("step-title")).ToHaveTextAsync(["Step 1: B", "Step 2: C", "Step 3: A"]);
        await page.GetByTestId("workflow-save").ClickAsync();
        await Expect(page.Locator("#mud-snackbar-container")).ToContainTextAsync("saved");
        await page.ReloadAsync();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("step-title")).ToHaveTextAsync(["Step 1: B", "Step 2: C", "Step 3: A"]);
        await BrowserPages.ScreenshotAsync(page, "workflow-editor-after-a-drag");
    }

    [Fact]
    public async Task A_step_dragged_up_two_places_in_a_collapsed_sequence_lands_where_it_was_dropped()
    {
        await server.App.CreateStaffAsync("upward@test.gym", Roles.Marketer);
        var draft = new WorkflowDraft
        {
            Name = "Drag up",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [.. "ABCDEFGHIJ".Select(name => Step(name.ToString()))],
        };
        var id = (await server.App.Services.GetRequiredService<WorkflowEditor>().SaveAsync(null, draft)).Value!.Id;

        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "upward@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync($"/marketing/automation/workflows/{id}");
        await BrowserPages.WaitForInteractiveAsync(page);
        await page.GetByTestId("steps-collapse-all").ClickAsync();
        await Expect(page.GetByTestId("step-subject")).ToHaveCountAsync(0);

        // Ten collapsed steps fit on one screen.
        var last = await page.GetByTestId("step-card").Nth(9).BoundingBoxAsync();
        Assert.True(last!.Y + last.Height <= page.ViewportSize!.Height, $"The tenth step ends at {last.Y + last.Height}px, below the {page.ViewportSize.Height}px screen.");

        await DragAsync(page, from: 4, onto: 2);

        await Expect(page.GetByTestId("step-title")).ToHaveTextAsync(
            ["Step 1: A", "Step 2: B", "Step 3: E", "Step 4: C", "Step 5: D", "Step 6: F", "Step 7: G", "Step 8: H", "Step 9: I", "Step 10: J"]);
        await BrowserPages.ScreenshotAsync(page, "workflow-editor-collapsed");
    }

    /// <summary>HTML5 drag and drop as the browser fires it: the card at <paramref name="from"/> is picked up and dropped on the one at <paramref name="onto"/>.</summary>
    private static async Task DragAsync(IPage page, int from, int onto) =>
        await page.EvaluateAsync("""
            ([from, onto]) => {
                const cards = [...document.querySelectorAll('[data-testid=step-title]')].map(t => t.closest('.mud-drop-item'));
                const [source, target] = [cards[from], cards[onto]];
                const zone = target.closest('.mud-drop-zone');
                const box = target.getBoundingClientRect();
                const at = { bubbles: true, cancelable: true, dataTransfer: new DataTransfer(), clientX: box.left + 10, clientY: box.top + 5 };
                source.dispatchEvent(new DragEvent('dragstart', at));
                target.dispatchEvent(new DragEvent('dragenter', at));
                zone.dispatchEvent(new DragEvent('dragover', at));
                zone.dispatchEvent(new DragEvent('drop', at));
                source.dispatchEvent(new DragEvent('dragend', at));
            }
            """, new[] { from, onto });

    private static StepDraft Step(string name) =>
        new() { Name = name, Subject = $"{name} {{{{ client.first_name }}}}", Body = "<p>Hello {{ client.first_name }}</p>" };
}
