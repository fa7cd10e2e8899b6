using System.Security.Cryptography;
using GymAutomation.Web.Features.Integrations.Api;

namespace GymAutomation.Web.Hosting;

/// <summary>
/// The headers every answer carries: no MIME sniffing, no referrer sent to other sites (unsubscribe and tracking
/// tokens live in URLs), never framed (clickjacking), and a Content-Security-Policy. The app's policy allows
/// scripts only from the app itself plus the one inline import map Blazor writes, which carries this request's
/// nonce; styles may be inline because MudBlazor sets <c>style</c> attributes and a theme <c>&lt;style&gt;</c>
/// at run time. Blazor Server needs no <c>'unsafe-eval'</c>. The API reference page (Scalar) boots from an inline
/// module script it writes itself, so that page alone allows inline scripts.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "GymAutomation.CspNonce";
    private const string NoncePlaceholder = "{nonce}";

    private const string AppPolicy =
        "default-src 'self'; script-src 'self' 'nonce-" + NoncePlaceholder + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ApiDocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            var policy = context.Request.Path.StartsWithSegments(ApiDocs.PagePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
                ? ApiDocsPolicy
                : AppPolicy.Replace(NoncePlaceholder, nonce, StringComparison.Ordinal);

            // At the start of the answer, so an error page written after the headers were cleared carries them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers.ContentSecurityPolicy = policy;
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>This request's CSP nonce, for the few inline scripts the app writes itself (Blazor's import map).</summary>
    public static string CspNonce(this HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("The security headers middleware did not run for this request.");
}
