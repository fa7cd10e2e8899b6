using System.Security.Claims;
using Bunit;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Retention.Digests;
using GymAutomation.Web.Security;

namespace GymAutomation.Tests.Retention;

public sealed class DigestPageTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync() => ui = await RetentionUi.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task A_manager_sees_today_s_digest_as_the_email_has_it_and_the_digests_sent()
    {
        using var english = new CultureScope("en");
        var mia = await ui.Gym.StaffAsync("Mia", Roles.Manager);
        await ui.Gym.AlertAsync(await ui.Gym.ClientAsync("Carla"), AlertType.NoAttendance, 70, assignedTo: mia);
        await ui.Gym.AlertAsync(await ui.Gym.ClientAsync("Bruno"), AlertType.PaymentFailed, 90, assignedTo: mia);
        await ui.Gym.AlertAsync(await ui.Gym.ClientAsync("Dora", phone: null), AlertType.NoAttendance, 75);
        Assert.Equal(1, (await ui.Gym.Get<RetentionDigests>().SendAllAsync()).Sent);
        SignIn(mia, Roles.Manager, Policies.AnyStaff, Policies.Management);

        var page = ui.RenderPage<DigestPage>();

        page.WaitForElement("[data-testid=digest-today]");
        Assert.Equal(["Bruno Test", "Carla Test"], page.FindAll("[data-testid=digest-assigned] [data-testid=digest-client]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["Dora Test"], page.FindAll("[data-testid=digest-unassigned] [data-testid=digest-client]").Select(c => c.TextContent.Trim()));
        Assert.Contains("No visit for 14 days: last visit 20 days ago", page.Find("[data-testid=digest-unassigned]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Assigned to you (2)", page.Markup, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("Mia", page.Find("[data-testid=digest-recipient] p").TextContent.Trim()));

        page.Find("[data-testid^=view-digest-]").Click();

        page.WaitForAssertion(() => Assert.Contains("Bruno Test", page.Find("[data-testid=digest-preview]").GetAttribute("srcdoc"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_with_nothing_open_get_the_empty_state_and_no_list_of_digests()
    {
        using var english = new CultureScope("en");
        var ana = await ui.Gym.StaffAsync("Ana", Roles.Staff);
        await ui.Gym.AlertAsync(await ui.Gym.ClientAsync("Dora"), AlertType.NoAttendance, 90);
        SignIn(ana, Roles.Staff, Policies.AnyStaff);

        var page = ui.RenderPage<DigestPage>();

        page.WaitForElement("[data-testid=digest-empty]");
        Assert.StartsWith("Nothing assigned to you is open.", page.Find("[data-testid=digest-empty]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=sent-digests]"));
    }

    [Fact]
    public async Task What_workflows_asked_for_is_its_own_list_on_the_digest_page()
    {
        using var english = new CultureScope("en");
        var ana = await ui.Gym.StaffAsync("Ana", Roles.Staff);
        await ui.Gym.NotifiedAsync(ana, await ui.Gym.ClientAsync("Carla"), "Welcome", "Call to book a visit");
        SignIn(ana, Roles.Staff, Policies.AnyStaff);

        var page = ui.RenderPage<DigestPage>();

        page.WaitForElement("[data-testid=digest-from-workflows]");
        Assert.Contains("From workflows (1)", page.Find("[data-testid=digest-from-workflows]").TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Carla Test", "Workflow “Welcome”, step “Call to book a visit”"],
            page.Find("[data-testid=digest-notice]").QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=digest-empty]"));
    }

    private void SignIn(string userId, string role, params string[] policies) =>
        ui.Context.AddAuthorization()
            .SetAuthorized($"{userId}@staff.test")
            .SetRoles(role)
            .SetPolicies(policies)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
}
