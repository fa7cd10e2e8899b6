using System.Net;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Components.Layout;

namespace GymAutomation.Tests.Security;

public sealed class SignInTests(GymAppFactory app) : IClassFixture<GymAppFactory>
{
    private static readonly string InvalidSignIn = UiText.Account("InvalidSignIn");
    private static readonly string LockedOut = UiText.Account("LockedOut");

    public static TheoryData<string> ProtectedPages() =>
        new(NavigationItems.All.Select(i => i.Href).Concat(["/clients", "/admin/staff", "/"]).Distinct());

    [Fact]
    public async Task Valid_sign_in_redirects_to_the_return_url_with_a_cookie_that_opens_it()
    {
        await app.CreateStaffAsync("valid@test.gym", Roles.Manager);
        var client = app.CreateBrowserLikeClient();

        using var response = await LoginForm.PostAsync(client, "valid@test.gym", GymAppFactory.StaffPassword, "/admin/jobs");

        HttpAssert.RedirectsTo(response, "/admin/jobs");
        using var page = await client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var client = app.CreateBrowserLikeClient();

        using var response = await LoginForm.PostAsync(client, GymAppFactory.AdminEmail, GymAppFactory.AdminPassword, "https://evil.example/");

        var target = HttpAssert.Redirect(response);
        Assert.Equal(("localhost", "/"), (target.Host, target.AbsolutePath));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_message()
    {
        await app.CreateStaffAsync("known@test.gym", Roles.Staff);

        var wrongPassword = await FailedSignInMessageAsync("known@test.gym", "Not.The.Password1");
        var unknownEmail = await FailedSignInMessageAsync("nobody@test.gym", GymAppFactory.StaffPassword);

        Assert.Equal(InvalidSignIn, wrongPassword);
        Assert.Equal(wrongPassword, unknownEmail);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        await app.CreateStaffAsync("locked@test.gym", Roles.Staff);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(InvalidSignIn, await FailedSignInMessageAsync("locked@test.gym", $"Wrong.Password{attempt}"));
        }

        Assert.Equal(LockedOut, await FailedSignInMessageAsync("locked@test.gym", "Wrong.Password5"));
        Assert.Equal(LockedOut, await FailedSignInMessageAsync("locked@test.gym", GymAppFactory.StaffPassword));
        var member = (await app.ListStaffAsync()).Single(m => m.Email == "locked@test.gym");
        Assert.NotNull(member.LockedOutUntil);
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in()
    {
        var user = await app.CreateStaffAsync("leaver@test.gym", Roles.Manager);
        await app.SetActiveAsync(user.Id, false);

        Assert.Equal(InvalidSignIn, await FailedSignInMessageAsync("leaver@test.gym", GymAppFactory.StaffPassword));

        await app.SetActiveAsync(user.Id, true);
        using var again = await LoginForm.PostAsync(app.CreateBrowserLikeClient(), "leaver@test.gym", GymAppFactory.StaffPassword);
        HttpAssert.RedirectsTo(again, "/");
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page(string path)
    {
        using var response = await app.CreateBrowserLikeClient().GetAsync(path);

        var query = HttpAssert.RedirectsTo(response, "/account/login");
        Assert.Equal(path, query["ReturnUrl"]);
    }

    [Fact]
    public async Task The_login_page_and_the_health_check_are_open_to_anonymous_visitors()
    {
        var client = app.CreateBrowserLikeClient();

        using var login = await client.GetAsync("/account/login");
        using var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        var page = await client.GetStringAsync("/admin/staff");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginForm.HiddenInput(page, "__RequestVerificationToken"),
            ["returnUrl"] = "/",
        });

        using var signOut = await client.PostAsync("/account/logout", form);
        using var after = await client.GetAsync("/admin/staff");

        HttpAssert.RedirectsTo(signOut, "/account/login");
        HttpAssert.RedirectsTo(after, "/account/login");
    }

    private async Task<string?> FailedSignInMessageAsync(string email, string password)
    {
        var client = app.CreateBrowserLikeClient();
        using var response = await LoginForm.PostAsync(client, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var probe = await client.GetAsync("/marketing/automation/retention/");
        HttpAssert.RedirectsTo(probe, "/account/login");
        return LoginForm.Message(await response.Content.ReadAsStringAsync());
    }
}
