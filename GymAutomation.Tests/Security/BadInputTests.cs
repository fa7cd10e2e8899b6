using System.Net;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Security;

/// <summary>What a stranger can send is refused as the sender's mistake (400, 413 or a redirect), never a 500.</summary>
public sealed class BadInputTests(ProductionGymAppFactory app) : IClassFixture<ProductionGymAppFactory>
{
    [Fact]
    public Task Bad_input_is_refused_in_production() => AssertRefusedAsync(app);

    /// <summary>The three requests of issue 15 that answered 500, and their kin on the other anonymous forms.</summary>
    internal static async Task AssertRefusedAsync(GymAppFactory app)
    {
        var anonymous = app.CreateBrowserLikeClient();

        // A tab the browser would drop, leaving //x: another site. The language is set, the redirect stays home.
        using (var tabbed = await anonymous.GetAsync("/culture/set?culture=en&returnUrl=/%09/x"))
        {
            HttpAssert.RedirectsTo(tabbed, "/");
        }

        using (var huge = await anonymous.PostAsync("/unsubscribe/some-token", HugeForm()))
        {
            AssertRefused(huge, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);
        }

        using (var hugeSignIn = await anonymous.PostAsync("/account/login", HugeForm()))
        {
            AssertRefused(hugeSignIn, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);
        }

        var signedIn = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        using (var noToken = await signedIn.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" })))
        {
            AssertRefused(noToken, HttpStatusCode.BadRequest);
        }

        using var stillSignedIn = await signedIn.GetAsync("/clients");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    // 4 MB in one field, as the issue's probe sent it.
    private static FormUrlEncodedContent HugeForm() =>
        new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click", ["padding"] = new string('x', 4 * 1024 * 1024) });

    private static void AssertRefused(HttpResponseMessage response, params HttpStatusCode[] expected) =>
        Assert.True(expected.Contains(response.StatusCode),
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {string.Join(" or ", expected.Select(s => (int)s))}.");
}
