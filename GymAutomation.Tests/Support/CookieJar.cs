using System.Net;
using Microsoft.Net.Http.Headers;

namespace GymAutomation.Tests.Support;

/// <summary>
/// Keeps cookies by name and sends them all back, whatever their attributes: the tests read each <c>Set-Cookie</c>
/// as written (is it <c>Secure</c>?) and carry a cookie from one app to another, which a cookie container would not.
/// The client is the one a proxy in front of the app would be: its address is <paramref name="remoteAddress"/>, and
/// it adds <paramref name="headers"/> (X-Forwarded-Proto…) to every request.
/// </summary>
public sealed class CookieJar(GymAppFactory app, string remoteAddress = "192.0.2.10", IReadOnlyDictionary<string, string>? headers = null)
    : DelegatingHandler(app.Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress)))
{
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    /// <summary>Every <c>Set-Cookie</c> the app has written so far, by cookie name (the last one wins).</summary>
    public Dictionary<string, SetCookieHeaderValue> Written { get; } = new(StringComparer.Ordinal);

    public IDictionary<string, string> Cookies => cookies;

    /// <summary>A client through this jar that does not follow redirects.</summary>
    public HttpClient CreateClient() => new(this) { BaseAddress = new Uri("http://localhost/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values) && SetCookieHeaderValue.TryParseList(values.ToList(), out var parsed))
        {
            foreach (var cookie in parsed)
            {
                var name = cookie.Name.ToString();
                Written[name] = cookie;
                if (cookie.Expires < DateTimeOffset.UtcNow)
                {
                    cookies.Remove(name);
                }
                else
                {
                    cookies[name] = cookie.Value.ToString();
                }
            }
        }

        return response;
    }
}
