using System.Net;
using System.Text.RegularExpressions;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Security;

/// <summary>The pipeline's production defaults: headers on every answer, TLS, the proxy, live connections, the language switch.</summary>
public sealed partial class WebHardeningTests(WebHardeningTests.App app) : IClassFixture<WebHardeningTests.App>
{
    public sealed class App : GymAppFactory
    {
        public const string DisplayKey = "tv-screen-key";
        public const string Proxy = "10.0.0.2";

        public App()
        {
            Settings["Live:DisplayKeys:0"] = DisplayKey;
            Settings["ForwardedHeaders:KnownProxies:0"] = Proxy;
        }
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/clients")]
    [InlineData("/api/docs/")]
    [InlineData("/api/openapi/v1.json")]
    [InlineData("/api/clients")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var client = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        using var response = await client.GetAsync(path);

        Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task A_pages_scripts_come_only_from_the_app_and_the_import_map_it_wrote_with_its_nonce()
    {
        using var response = await app.CreateBrowserLikeClient().GetAsync("/account/login");
        var html = await response.Content.ReadAsStringAsync();

        var policy = Header(response, "Content-Security-Policy");
        var scripts = Directive(policy, "script-src");
        Assert.DoesNotContain("unsafe-inline", scripts);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Contains("'unsafe-inline'", Directive(policy, "style-src"));
        var importMap = ImportMapPattern().Match(html);
        Assert.True(importMap.Success, "The page has no import map.");
        var nonce = NoncePattern().Match(importMap.Value);
        Assert.True(nonce.Success, $"The import map has no nonce: {importMap.Value}");
        Assert.Contains($"'nonce-{WebUtility.HtmlDecode(nonce.Groups[1].Value)}'", scripts);
    }

    [Fact]
    public async Task Hsts_goes_out_over_https_only()
    {
        var overHttps = app.CreateClient(new() { BaseAddress = new Uri("https://gym.example/"), AllowAutoRedirect = false });
        var overHttp = app.CreateClient(new() { BaseAddress = new Uri("http://gym.example/"), AllowAutoRedirect = false });

        using var secure = await overHttps.GetAsync("/account/login");
        using var plain = await overHttp.GetAsync("/account/login");

        Assert.Matches("^max-age=[1-9][0-9]*", Header(secure, "Strict-Transport-Security"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Https_forwarded_by_the_known_proxy_makes_the_cookies_secure()
    {
        var jar = new CookieJar(app, App.Proxy, Forwarded);
        var client = jar.CreateClient();

        using var response = await LoginForm.PostAsync(client, GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        HttpAssert.Redirect(response);
        Assert.Contains("GymAutomation.Auth", jar.Written.Keys);
        Assert.All(jar.Written, c => Assert.True(c.Value.Secure, $"{c.Key} is not Secure"));
    }

    [Fact]
    public async Task Anyone_else_saying_https_is_not_believed()
    {
        var jar = new CookieJar(app, "10.0.0.99", Forwarded);

        using var response = await jar.CreateClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(jar.Written);
        Assert.All(jar.Written, c => Assert.False(c.Value.Secure, $"{c.Key} is Secure"));
    }

    [Theory]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    [InlineData("/hubs/live/negotiate?negotiateVersion=1&key=" + App.DisplayKey)]
    public async Task Live_connections_refuse_another_sites_page_and_take_the_apps_own(string negotiate)
    {
        var client = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        using var foreign = await NegotiateAsync(client, negotiate, "http://evil.example");
        using var own = await NegotiateAsync(client, negotiate, "http://localhost");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Referer", "http://evil.example/page")]
    public async Task A_language_switch_from_another_site_changes_nothing(string header, string value)
    {
        var (email, response) = await SwitchToSpanishAsync(header, value);
        using var answer = response;

        HttpAssert.RedirectsTo(response, "/clients");
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
        Assert.Null(await PreferredCultureAsync(email));
    }

    private async Task<(string Email, HttpResponseMessage Response)> SwitchToSpanishAsync(string header, string value)
    {
        var email = $"culture-{Guid.NewGuid():N}@test.gym";
        await app.CreateStaffAsync(email, Roles.Staff);
        var client = await app.CreateSignedInClientAsync(email, GymAppFactory.StaffPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/culture/set?culture=es&returnUrl=%2Fclients");
        request.Headers.Add(header, value);
        return (email, await client.SendAsync(request));
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Sec-Fetch-Site", "none")]
    [InlineData("Referer", "http://localhost/clients")]
    public async Task The_apps_own_language_switch_is_remembered(string header, string value)
    {
        var (email, response) = await SwitchToSpanishAsync(header, value);
        using var answer = response;

        HttpAssert.RedirectsTo(response, "/clients");
        Assert.Contains(SetCookies(response), c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
        Assert.Equal("es", await PreferredCultureAsync(email));
    }

    private static readonly Dictionary<string, string> Forwarded = new()
    {
        ["X-Forwarded-For"] = "203.0.113.7",
        ["X-Forwarded-Proto"] = "https",
    };

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string url, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    private async Task<string?> PreferredCultureAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
        return user!.PreferredCulture;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} answered without {name}.");

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).SingleOrDefault(d => d.StartsWith(name + " ", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"The policy has no {name}: {policy}");

    [GeneratedRegex("<script\\b[^>]*\"importmap\"[^>]*>")]
    private static partial Regex ImportMapPattern();

    [GeneratedRegex("\\bnonce=\"([^\"]+)\"")]
    private static partial Regex NoncePattern();
}
