using System.Net;
using System.Net.Http.Json;
using GymAutomation.Core.Events;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Integrations.Api;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ApiKeysBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    [Fact]
    public async Task An_admin_issues_a_key_copies_it_and_the_key_works_until_the_admin_revokes_it()
    {
        var page = await browser.NewPageAsync(server.BaseUrl);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = server.BaseUrl.GetLeftPart(UriPartial.Authority) });
        await BrowserPages.SignInAsync(page, GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        await page.GotoAsync("/admin/api-keys");
        await BrowserPages.WaitForInteractiveAsync(page);
        await page.GetByTestId("issue-key").ClickAsync();
        await page.GetByTestId("api-key-name").FillAsync("Website form");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Send leads from the website form" }).CheckAsync();
        await page.GetByTestId("dialog-save").ClickAsync();
        var secret = page.GetByTestId("api-key-secret");
        await Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^gym_"));
        var key = await secret.InputValueAsync();
        await page.GetByTestId("api-key-copy").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Copied to the clipboard." })).ToBeVisibleAsync();
        Assert.Equal(key, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await BrowserPages.ScreenshotAsync(page, "api-key-issued");
        await page.GetByTestId("api-key-done").ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Website form" });
        await Expect(row).ToContainTextAsync(key[..12] + "…");

        using var api = new HttpClient { BaseAddress = server.BaseUrl };
        api.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
        using (var accepted = await api.PostAsJsonAsync("/api/leads", new { firstName = "Web", email = "web.lead@example.com" }))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        using (var reading = await api.GetAsync("/api/clients"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, reading.StatusCode);
            Assert.Contains("clients:read", await reading.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Revoked");
        await BrowserPages.ScreenshotAsync(page, "api-key-revoked");

        using var refused = await api.PostAsJsonAsync("/api/events", new { type = ClientEventTypes.EmailOpened, email = "web.lead@example.com" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Signed_in_staff_read_the_api_documentation_with_both_calls_offline()
    {
        await server.App.CreateStaffAsync("docs@test.gym", Core.Staff.Roles.Staff);
        var page = await browser.NewPageAsync(server.BaseUrl);
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };
        await BrowserPages.SignInAsync(page, "docs@test.gym", GymAppFactory.StaffPassword);

        await page.GotoAsync(ApiDocs.PagePath);

        await Expect(page.GetByText("GymAutomation API").First).ToBeVisibleAsync();
        await Expect(page.GetByText("A lead from the website form").First).ToBeVisibleAsync();
        await Expect(page.GetByText("Something that happened to a client").First).ToBeVisibleAsync();
        await BrowserPages.ScreenshotAsync(page, "api-docs");
        Assert.Empty(outside);
    }
}
