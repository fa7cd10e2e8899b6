using System.Net;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Security;

/// <summary>An app that terminates TLS itself (an https port in its settings) sends plain HTTP over, and its cookies are always Secure.</summary>
public sealed class TlsTerminationTests(TlsTerminationTests.App app) : IClassFixture<TlsTerminationTests.App>
{
    public sealed class App : GymAppFactory
    {
        public App() => Settings["https_port"] = "8443";
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        using var response = await app.CreateBrowserLikeClient().GetAsync("/account/login?returnUrl=%2Fclients");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://localhost:8443/account/login?returnUrl=%2Fclients", response.Headers.Location?.ToString());
    }

    [Fact]
    public void The_sign_in_and_antiforgery_cookies_are_always_secure()
    {
        // Every plain-HTTP request is redirected before a cookie could be written, so the options are what can be seen.
        var signIn = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var antiforgery = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;

        Assert.Equal(CookieSecurePolicy.Always, signIn.Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.Cookie.SecurePolicy);
    }
}
