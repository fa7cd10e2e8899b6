using GymAutomation.Core.Events;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>The editor in a real browser. Dragging a card is not tested here yet: Playwright's drag did not reach
/// MudBlazor's drop zone; the bunit test drives the drop handling and the move buttons do the same.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowEditorBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    [Fact]
    public async Task A_marketer_moves_a_step_the_days_follow_and_leaving_unsaved_asks_first()
    {
        await server.App.CreateStaffAsync("marketer@test.gym", Roles.Marketer);
        var draft = new WorkflowDraft
        {
            Name = "Drag me",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [Step("A", 0), Step("B", 2), Step("C", 3)],
        };
        var id = (await server.App.Services.GetRequiredService<WorkflowEditor>().SaveAsync(null, draft)).Value!.Id;

        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "marketer@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync($"/marketing/automation/workflows/{id}");
        await BrowserPages.WaitForInteractiveAsync(page);
        var days = page.GetByTestId("step-day");
        await Expect(days).ToHaveTextAsync(["Day 0", "Day 2", "Day 5"]);

        await page.GetByTestId("step-up").Nth(2).ClickAsync();

        await Expect(page.GetByTestId("step-title")).ToHaveTextAsync(["Step 1: A", "Step 2: C", "Step 3: B"]);
        await Expect(days).ToHaveTextAsync(["Day 0", "Day 3", "Day 5"]);
        await BrowserPages.ScreenshotAsync(page, "workflow-editor-after-a-move");

        await page.GetByText("Workflows", new() { Exact = true }).First.ClickAsync();
        await Expect(page.GetByText("Leave without saving?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        Assert.EndsWith($"/marketing/automation/workflows/{id}", page.Url, StringComparison.Ordinal);
    }

    private static StepDraft Step(string name, int delay) =>
        new() { Name = name, DelayDays = delay, Subject = $"{name} {{{{ client.first_name }}}}", Body = "<p>Hello {{ client.first_name }}</p>" };
}
