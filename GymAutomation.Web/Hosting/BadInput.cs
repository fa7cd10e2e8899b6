using System.Globalization;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Hosting;

/// <summary>
/// A request the app cannot read — no antiforgery token, a form over its limits, a value that does not bind — is
/// the sender's mistake: it is answered 400 (or the status the server chose, such as 413 for a body too large) with
/// one line in the reader's language, never as a failure of the app. Endpoints throw these in every environment,
/// so a form endpoint answers the same in production as in development.
/// </summary>
internal static class BadInput
{
    public static void AddBadInputAsBadRequest(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static void UseBadInputAsBadRequest(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (StatusFor(ex, context) is { } status && !context.Response.HasStarted)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BadInput))
                    .LogInformation("{Method} {Path} answered {Status}: {Reason}", context.Request.Method, context.Request.Path, status, ex.Message);
                context.Response.Clear();
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(Explanation(context));
            }
        });

    private static int? StatusFor(Exception ex, HttpContext context) => ex switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        // What ReadFormAsync throws for a form over FormOptions' limits (too many values, a value too long)…
        InvalidDataException => StatusCodes.Status400BadRequest,
        // …and for a form whose antiforgery token the middleware already found missing or wrong.
        InvalidOperationException when context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } => StatusCodes.Status400BadRequest,
        _ => null,
    };

    // The culture the request was read in: the exception left the scope where the localization middleware set it.
    private static string Explanation(HttpContext context)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            if (context.Features.Get<IRequestCultureFeature>() is { } requestCulture)
            {
                CultureInfo.CurrentUICulture = requestCulture.RequestCulture.UICulture;
            }

            return context.RequestServices.GetRequiredService<IStringLocalizer<AppText>>()["BadRequestBody"];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
