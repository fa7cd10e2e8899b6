using GymAutomation.Web.Features.Integrations.Api;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The detail of a 500 under <c>/api</c>.</summary>
    public const string UnexpectedFailure = "The server could not handle this request and recorded nothing. Try again; if it keeps failing, tell the gym.";

    /// <summary>The HTTP API: its key scheme and policy, its rate limits, problem+json errors and its documentation.</summary>
    public static IServiceCollection AddGymApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(Policies.ApiClient, p => p
            .AddAuthenticationSchemes(ApiKeyAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiKeyAuthentication.KeyIdClaim)
            .AddRequirements(new ApiScopeRequirement()));
        services.AddSingleton<IAuthorizationHandler, ApiScopeRequirement>();
        services.AddProblemDetails();
        services.AddApiRateLimits();
        services.AddApiDocs();
        return services;
    }

    /// <summary>
    /// Under <c>/api</c> an error is answered as problem+json, never re-executed as the app's "not found" page, and a
    /// failure nobody expected is a 500 problem — not the app's HTML error page — after it is logged. Every write of
    /// the API is one transaction, so a request that failed recorded nothing.
    /// </summary>
    public static IApplicationBuilder UseApiErrorsAsProblems(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
            {
                // A value the endpoint cannot bind, or a body over its limit: the pipeline sets ThrowOnBadRequest in every environment.
                context.Response.Clear();
                await TypedResults.Problem(ex.Message, statusCode: ex.StatusCode).ExecuteAsync(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("GymAutomation.Web.Api")
                    .LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                await TypedResults.Problem(UnexpectedFailure, statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
            }
        });
}
