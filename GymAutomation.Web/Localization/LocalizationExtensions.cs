using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor;

namespace GymAutomation.Web.Localization;

public static class LocalizationExtensions
{
    public static readonly string[] SupportedCultures = ["en", "es"];

    /// <summary>The app's resources (each beside its marker class), and MudBlazor's words from them too (before or after <c>AddMudServices</c>, which only tries to add its own).</summary>
    public static IServiceCollection AddGymLocalization(this IServiceCollection services) =>
        services.AddLocalization().AddTransient<MudLocalizer, GymMudLocalizer>();

    /// <summary>
    /// The request's language is the user's (cookie, then the browser's), and stays its UI culture; its formats are
    /// the gym's (<see cref="GymCultures"/>). A circuit keeps the culture of the request that opened it.
    /// </summary>
    public static void UseGymLocalization(this WebApplication app)
    {
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(SupportedCultures[0]);
            o.AddSupportedCultures(SupportedCultures);
            o.AddSupportedUICultures(SupportedCultures);
        });
        var cultures = app.Services.GetRequiredService<GymCultures>();
        app.Use((context, next) =>
        {
            CultureInfo.CurrentCulture = cultures.For(CultureInfo.CurrentUICulture);
            return next(context);
        });
    }

    /// <summary>Writes the cookie that remembers the user's language on this browser.</summary>
    public static void RememberCulture(this HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true,
                Secure = response.HttpContext.Request.IsHttps,
            });

    public static void MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Switching language reloads the page (Blazor Server takes its culture from the request
        // that opened the circuit), and is remembered on the browser and on the user. A GET is what every
        // switcher can do (a link on the sign-in page, a reload from the menu), so another site's link or
        // image is told apart by where it came from and changes nothing.
        endpoints.MapGet("/culture/set", async (string culture, string? returnUrl, HttpContext http, UserManager<StaffUser> users) =>
        {
            if (!SupportedCultures.Contains(culture))
            {
                return Results.Problem(statusCode: 400, detail: $"Supported languages: {string.Join(", ", SupportedCultures)}.");
            }

            var target = IsLocal(returnUrl) ? returnUrl! : "/";
            if (SameOrigin.IsCrossSite(http.Request))
            {
                return Results.LocalRedirect(target);
            }

            http.Response.RememberCulture(culture);
            if (await users.GetUserAsync(http.User) is { } user)
            {
                user.PreferredCulture = culture;
                await users.UpdateAsync(user);
            }

            return Results.LocalRedirect(target);
        }).AllowAnonymous();
    }

    /// <summary>
    /// A path on this site. Browsers drop tabs and line breaks from URLs (<c>/%09/evil.example</c> becomes
    /// <c>//evil.example</c>, another site), so a control character anywhere makes it not local.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl);

    public static string CurrentLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
