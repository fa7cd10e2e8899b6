using GymAutomation.Core.Integrations;
using Microsoft.AspNetCore.Authorization;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>
/// The scope an API endpoint needs (<see cref="ApiScopes"/>); null only for the catch-all that answers "no such
/// endpoint" to any valid key. An endpoint under the API's policy without it is refused to every key.
/// </summary>
internal sealed record RequiredApiScope(string? Scope);

/// <summary>The API's policy: the key presented has the scope the endpoint declares.</summary>
internal sealed class ApiScopeRequirement : AuthorizationHandler<ApiScopeRequirement>, IAuthorizationRequirement
{
    /// <summary>A claim per scope of the key a request authenticated with.</summary>
    public const string ScopeClaim = "gym:api_scope";

    /// <summary>The detail of the 403 for a key without the endpoint's scope.</summary>
    public static string MissingScope(string scope) =>
        $"This API key does not have the scope {scope}. An Admin can add it under Administration → API keys, or issue a key that has it.";

    /// <summary>The scope the endpoint of <paramref name="http"/> needs; a missing declaration is a scope no key has.</summary>
    public static RequiredApiScope? Of(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<RequiredApiScope>();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiScopeRequirement requirement)
    {
        if (context.Resource is HttpContext http && Of(http) is { } required
            && (required.Scope is null || context.User.HasClaim(ScopeClaim, required.Scope)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

internal static class ApiScopeExtensions
{
    /// <summary>The endpoint needs <paramref name="scope"/>: a key without it is a 403 naming it.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredApiScope(scope));

    /// <summary>Any valid key may call it: only for the catch-all "no such endpoint".</summary>
    public static TBuilder AllowAnyScope<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredApiScope(null));
}
