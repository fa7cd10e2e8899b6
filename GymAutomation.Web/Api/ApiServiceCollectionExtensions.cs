using GymAutomation.Web.Api;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The HTTP API: its key scheme and policy, its rate limits, problem+json errors and its documentation.</summary>
    public static IServiceCollection AddGymApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(Policies.ApiClient, p => p
            .AddAuthenticationSchemes(ApiKeyAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiKeyAuthentication.KeyIdClaim));
        services.AddProblemDetails();
        services.AddApiRateLimits();
        services.AddApiDocs();
        return services;
    }

    /// <summary>Under <c>/api</c> an error is answered as problem+json, never re-executed as the app's "not found" page.</summary>
    public static IApplicationBuilder UseApiErrorsAsProblems(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            return next(context);
        });
}
