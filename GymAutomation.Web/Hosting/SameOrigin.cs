using GymAutomation.Web.Live;

namespace GymAutomation.Web.Hosting;

/// <summary>
/// Whether a request was made by another site's page. Cookies travel with a WebSocket and with a top-level GET
/// from anywhere, so the live connections and state-changing GETs check where the request came from: every current
/// browser says so in <c>Sec-Fetch-Site</c>; older ones are judged by <c>Origin</c>, then <c>Referer</c>. A request
/// with none of them (a SignalR client on the gym's TV, curl) is no browser acting for a signed-in user.
/// Hosts are compared without scheme and port, which a reverse proxy changes; it must pass the Host header on.
/// </summary>
public static class SameOrigin
{
    private static readonly PathString[] LiveConnections = ["/_blazor", LiveHub.Path];

    public static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return !IsThisHost(request, origin);
        }

        var referer = request.Headers.Referer.ToString();
        return referer.Length > 0 && !IsThisHost(request, referer);
    }

    /// <summary>The Blazor circuit and the live hub refuse another site's page (403), before they are negotiated.</summary>
    public static void UseSameOriginLiveConnections(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (LiveConnections.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) && IsCrossSite(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            return next(context);
        });

    // "null" (a sandboxed page) and anything that is not an absolute URL are another site.
    private static bool IsThisHost(HttpRequest request, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase);
}
