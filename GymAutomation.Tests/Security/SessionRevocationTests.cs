using System.Net;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.ClientLists;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Security;

/// <summary>
/// Sign-out, deactivation, a new password and other roles end a session on the server: a copy of the sign-in cookie
/// taken before opens neither a page nor an export afterwards, at once, not when the cookie expires.
/// </summary>
public sealed class SessionRevocationTests(GymAppFactory app) : IClassFixture<GymAppFactory>
{
    public static TheoryData<string> AdminActions() => ["deactivate", "password", "roles"];

    [Fact]
    public async Task A_cookie_copied_before_sign_out_opens_nothing_after_it()
    {
        await app.CreateStaffAsync("copied@test.gym", Roles.Manager);
        var (browser, copied) = await SignInWithCopyAsync("copied@test.gym");
        await AssertOpensAsync(copied);

        using var signOut = await SignOutAsync(browser);

        HttpAssert.RedirectsTo(signOut, "/account/login");
        await AssertSignedOutAsync(copied);
    }

    [Fact]
    public async Task Signing_out_ends_only_that_session()
    {
        await app.CreateStaffAsync("two-browsers@test.gym", Roles.Staff);
        var (laptop, _) = await SignInWithCopyAsync("two-browsers@test.gym");
        var (_, phone) = await SignInWithCopyAsync("two-browsers@test.gym");

        using var signOut = await SignOutAsync(laptop);

        HttpAssert.RedirectsTo(signOut, "/account/login");
        await AssertOpensAsync(phone);
    }

    [Theory]
    [MemberData(nameof(AdminActions))]
    public async Task An_admin_change_ends_every_session_of_that_person_at_once(string action)
    {
        var email = $"changed-{action}@test.gym";
        var user = await app.CreateStaffAsync(email, Roles.Manager);
        var (_, first) = await SignInWithCopyAsync(email);
        var (_, second) = await SignInWithCopyAsync(email);
        await AssertOpensAsync(first);

        await ApplyAsync(app, action, user.Id, email);

        await AssertSignedOutAsync(first);
        await AssertSignedOutAsync(second);
    }

    [Fact]
    public async Task Each_ended_session_is_recorded_with_its_reason()
    {
        var user = await app.CreateStaffAsync("recorded@test.gym", Roles.Staff);
        var (browser, _) = await SignInWithCopyAsync("recorded@test.gym");
        await SignInWithCopyAsync("recorded@test.gym");
        var sessions = app.Services.GetRequiredService<StaffSessions>();
        Assert.Equal(2, (await sessions.ListActiveAsync(user.Id, TimeSpan.FromHours(12))).Count);

        using var signOut = await SignOutAsync(browser);
        var stillOpen = Assert.Single(await sessions.ListActiveAsync(user.Id, TimeSpan.FromHours(12)));
        var everywhere = await sessions.RevokeAllAsync(user.Id, StaffSessionEnd.SignedOutEverywhere);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContextAsync();
        var reasons = await db.StaffSessions.Where(s => s.UserId == user.Id).ToDictionaryAsync(s => s.Id, s => s.RevokedReason);
        Assert.Equal(1, everywhere);
        Assert.Equal(StaffSessionEnd.SignedOutEverywhere, reasons[stillOpen.Id]);
        Assert.Equal(StaffSessionEnd.SignedOut, Assert.Single(reasons, r => r.Key != stillOpen.Id).Value);
        Assert.Empty(await sessions.ListActiveAsync(user.Id, TimeSpan.FromHours(12)));
    }

    [Fact]
    public async Task Requests_do_not_write_the_session_each_time()
    {
        var user = await app.CreateStaffAsync("busy@test.gym", Roles.Staff);
        var (_, copy) = await SignInWithCopyAsync("busy@test.gym");
        var sessions = app.Services.GetRequiredService<StaffSessions>();
        var started = Assert.Single(await sessions.ListActiveAsync(user.Id, TimeSpan.FromHours(12)));

        for (var request = 0; request < 5; request++)
        {
            await AssertOpensAsync(copy);
        }

        Assert.Equal(started.LastSeenAt, Assert.Single(await sessions.ListActiveAsync(user.Id, TimeSpan.FromHours(12))).LastSeenAt);
    }

    /// <summary>What an admin does to a staff member on the staff page, through Core's <see cref="StaffAccounts"/>.</summary>
    internal static async Task ApplyAsync(GymAppFactory app, string action, string userId, string email)
    {
        if (action == "deactivate")
        {
            await app.SetActiveAsync(userId, false);
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().UpdateAsync(userId, new StaffInput
        {
            Email = email,
            DisplayName = email.Split('@')[0],
            Password = action == "password" ? "Another.Password9" : null,
            Roles = action == "roles" ? [Roles.Staff] : [Roles.Manager],
        }, actingUserId: "test");
        Assert.True(result.Succeeded);
    }

    /// <summary>Signs in with a browser that keeps its cookies, and returns it with a second client sending a copy of the cookie.</summary>
    private async Task<(HttpClient Browser, HttpClient Copy)> SignInWithCopyAsync(string email)
    {
        var browser = app.CreateBrowserLikeClient();
        using var signIn = await LoginForm.PostAsync(browser, email, GymAppFactory.StaffPassword);
        HttpAssert.RedirectsTo(signIn, "/");
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", AuthCookies(signIn));
        return (browser, copy);
    }

    /// <summary>The sign-in cookie (all its chunks) as a Cookie header.</summary>
    internal static string AuthCookies(HttpResponseMessage signIn) =>
        string.Join("; ", signIn.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Where(c => c.StartsWith("GymAutomation.Auth", StringComparison.Ordinal)));

    private static async Task<HttpResponseMessage> SignOutAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/clients");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginForm.HiddenInput(page, "__RequestVerificationToken"),
            ["returnUrl"] = "/",
        });
        return await browser.PostAsync("/account/logout", form);
    }

    private static async Task AssertOpensAsync(HttpClient client)
    {
        using var page = await client.GetAsync("/clients");
        using var export = await client.GetAsync(ClientExport.Path);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (page.StatusCode, export.StatusCode));
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        using var page = await client.GetAsync("/clients");
        using var export = await client.GetAsync(ClientExport.Path);
        HttpAssert.RedirectsTo(page, "/account/login");
        HttpAssert.RedirectsTo(export, "/account/login");
    }
}
