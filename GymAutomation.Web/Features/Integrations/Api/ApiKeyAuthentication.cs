using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using GymAutomation.Core.Integrations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>
/// The <c>X-Api-Key</c> scheme. Only the API's policy names it, so a key never signs anyone in to the pages, and
/// the pages' sign-in cookie never reaches the API (the policy authenticates with this scheme alone).
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>The id of the key a request authenticated with.</summary>
    public const string KeyIdClaim = "gym:api_key_id";

    public const string MissingKey = "Send an API key in the X-Api-Key header.";
    public const string UnknownKey = "The API key is not valid.";
    public const string RevokedKey = "The API key was revoked.";
}

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ApiKeyAuthentication.Header];
        if (presented.Count == 0 || string.IsNullOrWhiteSpace(presented[0]))
        {
            return AuthenticateResult.NoResult();
        }

        var key = presented.Count == 1 ? await keys.FindAsync(presented[0]!.Trim(), Context.RequestAborted) : null;
        if (key is null)
        {
            return AuthenticateResult.Fail(ApiKeyAuthentication.UnknownKey);
        }

        if (!key.IsActive)
        {
            return AuthenticateResult.Fail(ApiKeyAuthentication.RevokedKey);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ApiKeyAuthentication.KeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, key.Name),
                .. key.Scopes.Select(s => new Claim(ApiScopeRequirement.ScopeClaim, s)),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = $"{ApiKeyAuthentication.Scheme} header=\"{ApiKeyAuthentication.Header}\"";
        await TypedResults.Problem(result.Failure?.Message ?? ApiKeyAuthentication.MissingKey, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    /// <summary>A valid key without the endpoint's scope: the 403 names the scope, so whoever holds the key knows what to ask for.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = ApiScopeRequirement.Of(Context)?.Scope;
        return TypedResults.Problem(
                scope is null ? null : ApiScopeRequirement.MissingScope(scope),
                statusCode: StatusCodes.Status403Forbidden,
                extensions: scope is null ? null : new Dictionary<string, object?> { ["missingScope"] = scope })
            .ExecuteAsync(Context);
    }
}
