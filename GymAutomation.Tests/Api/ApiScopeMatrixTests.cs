using System.Net;
using System.Text;
using GymAutomation.Core.Integrations;
using GymAutomation.Web.Features.Integrations.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Api;

/// <summary>
/// Every route under <c>/api</c>, read from the app's own endpoints (a route added later is covered without touching
/// this test): it declares a scope, a key with every other scope gets a 403 naming it, a key with only that scope
/// gets past authorization, and the website form's key cannot read clients.
/// </summary>
public sealed class ApiScopeMatrixTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Every_api_route_declares_a_scope_and_a_key_without_it_is_a_403_naming_it()
    {
        var routes = ApiRoutes();
        Assert.Contains(routes, r => r.Path == "/api/clients" && r.Scope == ApiScopes.ClientsRead);
        Assert.Equal(ApiScopes.All.Order(StringComparer.Ordinal), routes.Where(r => r.Scope is not null).Select(r => r.Scope!).Distinct().Order(StringComparer.Ordinal));
        var before = await app.SnapshotAsync();

        foreach (var (method, path, scope) in routes)
        {
            Assert.True(scope is not null || path == "/api/x", $"{method} {path} declares no scope.");
            if (scope is null)
            {
                continue;
            }

            var without = await app.CreateApiClientAsync(await app.IssueKeyAsync($"Without {Guid.NewGuid():N}", [.. ApiScopes.All.Where(s => s != scope)]));
            var only = await app.CreateApiClientAsync(await app.IssueKeyAsync($"Only {Guid.NewGuid():N}", scope));

            using var refused = await SendAsync(without, method, path);
            using var allowed = await SendAsync(only, method, path);

            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} without {scope}: {(int)refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.JsonAsync();
            Assert.Equal(scope, problem.GetProperty("missingScope").GetString());
            Assert.Contains(scope, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(allowed.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized), $"{method} {path} with only {scope}: {(int)allowed.StatusCode}");
        }

        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task The_website_forms_key_sends_leads_but_cannot_read_clients_emails_and_phones()
    {
        var form = await app.CreateApiClientAsync(await app.IssueKeyAsync($"Website form {Guid.NewGuid():N}", ApiScopes.LeadsWrite));

        using var lead = await form.PostLeadAsync(new { firstName = "Iris", email = $"iris-{Guid.NewGuid():N}@example.com" });
        using var clients = await form.GetAsync("/api/clients");
        using var alerts = await form.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (clients.StatusCode, alerts.StatusCode));
        Assert.DoesNotContain("@example.com", await clients.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scopes_an_admin_changes_count_from_the_keys_next_request()
    {
        var secret = await app.IssueKeyAsync($"Kiosk {Guid.NewGuid():N}", ApiScopes.EventsWrite);
        var kiosk = await app.CreateApiClientAsync(secret);
        using var before = await kiosk.GetAsync("/api/kpis");
        var keys = app.Services.GetRequiredService<ApiKeys>();

        await keys.UpdateScopesAsync((await keys.FindAsync(secret))!.Id, [ApiScopes.EventsWrite, ApiScopes.KpisRead]);
        using var after = await kiosk.GetAsync("/api/kpis");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (before.StatusCode, after.StatusCode));
    }

    /// <summary>Each API route as a request: a method, a path with its parameters filled in, and the scope it declares.</summary>
    private List<(string Method, string Path, string? Scope)> ApiRoutes() =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()?.Policy == Web.Security.Policies.ApiClient)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, Fill(e.RoutePattern.RawText!), e.Metadata.GetMetadata<RequiredApiScope>()?.Scope)))
            .Distinct(),
    ];

    private static string Fill(string pattern) => pattern.Replace("{id:int}", "1", StringComparison.Ordinal).Replace("{id}", "x", StringComparison.Ordinal)
        .Replace("{**path}", "x", StringComparison.Ordinal);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        });
}
