using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace GymAutomation.Web.Hosting;

/// <summary>
/// How the app learns that a request came over HTTPS: it terminates TLS itself (an https endpoint is configured),
/// or a reverse proxy in front of it says so in <c>X-Forwarded-Proto</c> — believed only from the proxies named in
/// <c>ForwardedHeaders:KnownProxies</c> / <c>KnownNetworks</c> (and the loopback, where nginx usually runs), or any
/// client could claim HTTPS. Cookies are <c>Secure</c> whenever the request was HTTPS, and always when the app
/// terminates TLS.
/// </summary>
internal static class ProxyAndTls
{
    public const string Section = "ForwardedHeaders";

    public static void AddProxyAndTls(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies has \"{proxy}\", which is not an IP address."));
            }

            foreach (var network in configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{Section}:KnownNetworks has \"{network}\", which is not a network such as 10.0.0.0/8."));
            }
        });

        var securePolicy = TerminatesTls(configuration) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = securePolicy);
        services.PostConfigure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = securePolicy);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme, not the proxy's.</summary>
    public static void UseForwardedHeadersFromKnownProxies(this WebApplication app) => app.UseForwardedHeaders();

    /// <summary>
    /// HSTS goes out on HTTPS answers only (never to localhost, where it would stick to every other local app).
    /// Plain HTTP is redirected only where the app has an HTTPS endpoint of its own to redirect to.
    /// </summary>
    public static void UseTls(this WebApplication app)
    {
        app.UseHsts();
        if (TerminatesTls(app.Configuration))
        {
            app.UseHttpsRedirection();
        }
    }

    /// <summary>An https address in <c>urls</c>, <c>https_ports</c> or <c>https_port</c>, or a Kestrel endpoint.</summary>
    public static bool TerminatesTls(IConfiguration configuration) =>
        configuration["urls"]?.Contains("https://", StringComparison.OrdinalIgnoreCase) == true
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_port"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);
}
