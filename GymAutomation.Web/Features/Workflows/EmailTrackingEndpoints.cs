using GymAutomation.Core.Workflows;
using GymAutomation.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;

namespace GymAutomation.Web.Features.Workflows;

/// <summary>
/// The links inside workflow emails, open to anyone who has one (clients never sign in): the open pixel, tracked
/// links and unsubscribing. A bad token is answered like a good one wherever the answer could tell them apart.
/// </summary>
public static class EmailTrackingEndpoints
{
    public const string OpenPrefix = "/t/o/";
    public const string ClickPrefix = "/t/c/";
    public const string UnsubscribePrefix = "/unsubscribe/";

    // The smallest transparent GIF: one pixel of a transparent colour.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static void MapEmailTracking(this IEndpointRouteBuilder endpoints)
    {
        var links = endpoints.MapGroup("").AllowAnonymous().WithSmallForms();

        links.MapGet(OpenPrefix + "{token}", async (string token, EmailTracking tracking, HttpContext http) =>
        {
            await tracking.RecordOpenAsync(token, http.RequestAborted);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(Pixel, "image/gif");
        });

        links.MapGet(ClickPrefix + "{token}", async Task<IResult> (string token, EmailTracking tracking, HttpContext http) =>
            await tracking.RecordClickAsync(token, http.RequestAborted) is { } url ? TypedResults.Redirect(url) : TypedResults.NotFound());

        // GET is the page that asks first (Components/Pages/Tracking/Unsubscribe.razor). Every POST comes here — its own
        // form's and a mail client's one-click — so this endpoint goes before the page's, which Blazor maps for POST too.
        links.MapPost(UnsubscribePrefix + "{token}", UnsubscribeAsync).DisableAntiforgery().WithOrder(-1);
    }

    public static string UnsubscribePath(string token) => UnsubscribePrefix + Uri.EscapeDataString(token);

    /// <summary>
    /// A mail client's one-click unsubscribe (RFC 8058: the body <c>List-Unsubscribe=One-Click</c>, no cookies, no
    /// antiforgery token) is answered 200 whatever the token; the page's own form must carry its antiforgery token
    /// and comes back to the page, which then says the client is out.
    /// </summary>
    private static async Task<IResult> UnsubscribeAsync(string token, EmailTracking tracking, IAntiforgery antiforgery, HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return TypedResults.BadRequest();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["List-Unsubscribe"] == "One-Click")
        {
            await tracking.UnsubscribeAsync(token, http.RequestAborted);
            return TypedResults.Ok();
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }

        await tracking.UnsubscribeAsync(token, http.RequestAborted);
        return TypedResults.LocalRedirect(UnsubscribePath(token));
    }
}
