using System.Text.RegularExpressions;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

/// <summary>The visual email builder in a workflow's email step, in a real browser with Quill running.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EmailBuilderBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    [Fact]
    public async Task A_marketer_in_spanish_builds_an_email_from_blocks_saves_it_and_after_a_reload_sees_the_blocks_back()
    {
        await server.App.CreateStaffAsync("constructora@test.gym", Roles.Marketer);
        await AddClientAsync("Lucía");
        var draft = new WorkflowDraft
        {
            Name = "Bienvenida",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [new StepDraft { Name = "Primer email", Subject = "Hola {{ client.first_name }}", Body = "<p>Hola</p>" }],
        };
        var id = (await server.App.Services.GetRequiredService<WorkflowEditor>().SaveAsync(null, draft)).Value!.Id;

        var page = await browser.NewPageAsync(server.BaseUrl, "es-ES");
        await BrowserPages.SignInAsync(page, "constructora@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync($"/marketing/automation/workflows/{id}");
        await BrowserPages.WaitForInteractiveAsync(page);
        await PickPreviewClientAsync(page, "Lucía");

        await page.GetByTestId("body-mode-visual").ClickAsync();
        await Expect(page.GetByTestId("block-card")).ToHaveCountAsync(1);
        await page.GetByTestId("block-remove").ClickAsync();
        await page.GetByTestId("add-HeadingBlock").ClickAsync();
        await page.Locator("input[data-testid=heading-text]").FillAsync("Te damos la bienvenida");
        await page.GetByTestId("add-ButtonBlock").ClickAsync();
        await page.Locator("input[data-testid=button-label]").FillAsync("Reserva tu clase");
        await page.Locator("input[data-testid=button-url]").FillAsync("https://gym.test/reservar");
        await page.GetByTestId("add-TextBlock").ClickAsync();
        await WriteTextWithBoldAndAMergeFieldAsync(page);

        await page.GetByTestId("block-up").Nth(2).ClickAsync();

        await Expect(page.GetByTestId("block-card")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("block-card").Nth(1)).ToHaveAttributeAsync("data-block-kind", "TextBlock");
        Assert.Equal(["HeadingBlock", "TextBlock", "ButtonBlock"], await KindsAsync(page));
        await Expect(page.GetByTestId("preview-desktop")).ToHaveAttributeAsync("srcdoc", BoldNameRendered());
        await Expect(page.GetByTestId("preview-phone")).ToHaveAttributeAsync("srcdoc", new Regex("Reserva tu clase"));
        await AssertPreviewsSideBySideAsync(page);
        await page.GetByTestId("workflow-save").ClickAsync();
        await Expect(page.Locator("#mud-snackbar-container")).ToContainTextAsync("Flujo «Bienvenida» guardado.");
        await BrowserPages.ScreenshotAsync(page, "email-builder-in-a-workflow-step");
        // Chromium does not paint a sandboxed (cross-origin) frame outside the window, and a full-page capture leaves
        // it white (microsoft/playwright#40583): the previews get a picture of their own, taken on screen.
        await page.GetByTestId("builder-previews").ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Results, "screenshots", "email-builder-previews.png") });

        await page.ReloadAsync();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("block-card")).ToHaveCountAsync(3);
        Assert.Equal(["HeadingBlock", "TextBlock", "ButtonBlock"], await KindsAsync(page));
        await Expect(page.Locator("input[data-testid=heading-text]")).ToHaveValueAsync("Te damos la bienvenida");
        await Expect(page.Locator(".ql-editor strong")).ToHaveTextAsync("mañana");
        await Expect(page.Locator(".ql-editor")).ToContainTextAsync("{{ client.first_name }}");
        await Expect(page.Locator("input[data-testid=button-label]")).ToHaveValueAsync("Reserva tu clase");
    }

    [Fact]
    public async Task Text_typed_in_a_text_block_and_saved_at_once_is_kept()
    {
        await server.App.CreateStaffAsync("quick-writer@test.gym", Roles.Marketer);
        var id = (await server.App.Services.GetRequiredService<WorkflowEditor>().SaveAsync(null, new WorkflowDraft
        {
            Name = "Written fast",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [new StepDraft { Name = "First", Subject = "Hello {{ client.first_name }}", Body = "<p>Hello</p>" }],
        })).Value!.Id;

        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "quick-writer@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync($"/marketing/automation/workflows/{id}");
        await BrowserPages.WaitForInteractiveAsync(page);
        await page.GetByTestId("body-mode-visual").ClickAsync();
        await page.GetByTestId("block-remove").ClickAsync();
        await page.GetByTestId("add-TextBlock").ClickAsync();

        // Save is clicked while the editor still waits for typing to pause.
        await page.Locator(".ql-editor").ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("See you soon");
        await page.GetByTestId("workflow-save").ClickAsync();

        await Expect(page.Locator("#mud-snackbar-container")).ToContainTextAsync("saved");
        await page.ReloadAsync();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator(".ql-editor")).ToHaveTextAsync("See you soon");
    }

    /// <summary>"Nos vemos **mañana**, " and the client's first name where the cursor is, from the merge-field menu.</summary>
    private static async Task WriteTextWithBoldAndAMergeFieldAsync(IPage page)
    {
        var editor = page.Locator(".ql-editor");
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Nos vemos ");
        await page.Keyboard.PressAsync("Control+B");
        await page.Keyboard.TypeAsync("mañana");
        await page.Keyboard.PressAsync("Control+B");
        await page.Keyboard.TypeAsync(", ");
        await page.Locator("[data-testid=text-fields] button, button[data-testid=text-fields]").First.ClickAsync();
        await page.Locator(".mud-popover-open [data-testid=merge-field]").Filter(new() { HasText = "{{ client.first_name }}" }).ClickAsync();
        await Expect(editor).ToContainTextAsync("Nos vemos mañana, {{ client.first_name }}");
    }

    /// <summary>The desktop frame, scaled down, and the phone frame beside it on one row, at the browser tests' 1366px window.</summary>
    private static async Task AssertPreviewsSideBySideAsync(IPage page)
    {
        var desktop = (await page.GetByTestId("preview-desktop").BoundingBoxAsync())!;
        var phone = (await page.GetByTestId("preview-phone").BoundingBoxAsync())!;
        Assert.True(phone.X >= desktop.X + desktop.Width && Math.Abs(phone.Y - desktop.Y) < 1,
            $"The phone preview at ({phone.X}, {phone.Y}) is not beside the desktop one at ({desktop.X}, {desktop.Y}), {desktop.Width}px wide.");
        Assert.InRange(desktop.Width / 600, 0.5, 0.99);
        Assert.Equal(desktop.Width / 600, phone.Width / 375, 2);
        await Expect(page.GetByTestId("preview-scaled")).ToBeVisibleAsync();
    }

    private static async Task PickPreviewClientAsync(IPage page, string name)
    {
        await page.Locator("input[data-testid=preview-client], [data-testid=preview-client] input").First.FillAsync(name);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = name }).ClickAsync();
    }

    private static async Task<List<string?>> KindsAsync(IPage page) =>
        [.. await Task.WhenAll((await page.GetByTestId("block-card").AllAsync()).Select(card => card.GetAttributeAsync("data-block-kind")))];

    private async Task AddClientAsync(string firstName)
    {
        var now = server.App.Services.GetRequiredService<GymClock>().UtcNow;
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GymDbContext>();
        db.Clients.Add(new Client { FirstName = firstName, LastName = "Prueba", Email = "lucia@example.com", CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
    }

    [GeneratedRegex("<strong>[^<]+</strong>, Luc")]
    private static partial Regex BoldNameRendered();
}
