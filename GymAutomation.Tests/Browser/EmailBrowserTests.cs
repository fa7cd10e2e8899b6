using GymAutomation.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class EmailBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_sends_a_test_email_through_the_smtp_server_and_it_arrives()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = new GymAppFactory
        {
            Settings =
            {
                ["Email:Transport"] = "Smtp",
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = smtp.Port.ToString(),
                ["Email:Smtp:Security"] = "None",
            },
        };
        var page = await browser.NewPageAsync(app.StartKestrel());
        // Closed before the app stops: an open circuit would hold the server's shutdown for its whole timeout.
        await using var context = page.Context;
        await BrowserPages.SignInAsync(page, GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        await page.Locator("nav.mud-navmenu a[href='/admin/email']").ClickAsync();
        await Expect(page.GetByTestId("setting-host")).ToHaveTextAsync("127.0.0.1");
        await Expect(page.Locator("input[data-testid=test-recipient]")).ToHaveValueAsync(GymAppFactory.AdminEmail);
        await page.Locator("input[data-testid=test-recipient]").FillAsync("ana@example.com");
        await page.Locator("input[data-testid=test-recipient]").PressAsync("Enter");

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Test email sent to ana@example.com.");
        var message = Assert.Single(smtp.Messages());
        Assert.Equal("Test email from Test Gym", message.Subject);
        Assert.Equal("ana@example.com", message.To.Mailboxes.Single().Address);
        await BrowserPages.ScreenshotAsync(page, "admin-email-test-sent");
    }
}
