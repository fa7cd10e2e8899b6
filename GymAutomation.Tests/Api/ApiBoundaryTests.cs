using System.Net;
using System.Text.Json;
using GymAutomation.Core.Events;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Integrations.Api;

namespace GymAutomation.Tests.Api;

/// <summary>A key opens the API and nothing else; a staff sign-in opens the pages and the API's documentation, never the API.</summary>
public sealed class ApiBoundaryTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Theory]
    [InlineData("/clients")]
    [InlineData("/admin/api-keys")]
    [InlineData("/api/docs/")]
    [InlineData("/api/openapi/v1.json")]
    public async Task An_api_key_does_not_open_pages_or_the_documentation(string path)
    {
        var browser = app.CreateBrowserLikeClient();
        browser.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, await app.IssueKeyAsync($"Pages {Guid.NewGuid():N}"));

        using var response = await browser.GetAsync(path);

        HttpAssert.RedirectsTo(response, "/account/login");
    }

    [Fact]
    public async Task A_signed_in_admins_cookie_does_not_open_the_api()
    {
        var admin = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        var client = await app.CreateGymClientAsync("Olga");
        var before = await app.SnapshotAsync();

        using var response = await admin.PostEventAsync(new { type = ClientEventTypes.VisitRegistered, clientId = client.Id });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task Signed_in_staff_read_the_openapi_document_and_the_page_to_try_it_anonymous_visitors_sign_in_first()
    {
        await app.CreateStaffAsync("desk@docs.gym", Core.Staff.Roles.Staff);
        var staff = await app.CreateSignedInClientAsync("desk@docs.gym", GymAppFactory.StaffPassword);

        using var document = await staff.GetAsync(ApiDocs.DocumentPath);
        using var page = await staff.GetAsync(ApiDocs.PagePath);
        using var script = await staff.GetAsync(ApiDocs.PagePath + "scalar.js");
        using var anonymous = await app.CreateBrowserLikeClient().GetAsync(ApiDocs.DocumentPath);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var openApi = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["/api/alerts", "/api/clients", "/api/clients/{id}/score", "/api/events", "/api/kpis", "/api/leads", "/api/leads/top", "/api/segments", "/api/segments/{id}/clients"], paths);
        var scheme = openApi.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        Assert.True(openApi.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty(nameof(Core.Integrations.IncomingEvent), out _));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        HttpAssert.RedirectsTo(anonymous, "/account/login");
    }
}
