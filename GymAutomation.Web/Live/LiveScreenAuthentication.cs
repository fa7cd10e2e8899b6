using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using GymAutomation.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Live;

/// <summary>
/// Who may connect to <c>/hubs/live</c>: a signed-in staff member (the app's cookie) or a screen with one of the
/// <see cref="LiveOptions.DisplayKeys"/> in <c>?key=</c>. Anyone else gets 401, not the sign-in page's redirect.
/// </summary>
internal sealed class LiveScreenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<LiveOptions> live) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LiveScreen";

    /// <summary>The policy of the live hub.</summary>
    public const string Policy = "LiveScreens";

    public const string DisplayClaim = "live:display";

    /// <summary>A hash of the display key a screen connected with, so its connection can end when the key is removed.</summary>
    public const string DisplayKeyClaim = "live:display_key";

    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasClaim(DisplayClaim, "true") || Roles.All.Any(c.User.IsInRole)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var signedIn = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (signedIn is { Succeeded: true, Principal: { } user })
        {
            return AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName));
        }

        var key = Request.Query["key"].ToString();
        if (key.Length > 0 && live.CurrentValue.DisplayKeys.Any(k => k.Length > 0 && SameKey(k, key)))
        {
            var display = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "display"), new Claim(DisplayClaim, "true"), new Claim(DisplayKeyClaim, HashKey(key))], SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(display), SchemeName));
        }

        return AuthenticateResult.NoResult();
    }

    public static string? DisplayKeyOf(ClaimsPrincipal user) => user.FindFirst(DisplayKeyClaim)?.Value;

    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static bool SameKey(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
