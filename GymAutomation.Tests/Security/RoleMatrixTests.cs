using System.Net;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Components.Layout;
using GymAutomation.Web.Security;

namespace GymAutomation.Tests.Security;

/// <summary>
/// Who may open what, driven by the navigation and the policies themselves: a page added to
/// <see cref="NavigationItems.All"/> is covered here for every role without touching this test.
/// </summary>
public sealed class RoleMatrixTests(GymAppFactory app) : IClassFixture<GymAppFactory>
{
    public static TheoryData<string> AllRoles() => new(Roles.All);

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Each_page_opens_exactly_for_the_roles_of_its_policy_and_the_drawer_lists_exactly_those_pages(string role)
    {
        await app.CreateStaffAsync($"{role.ToLowerInvariant()}@matrix.gym", role);
        var client = await app.CreateSignedInClientAsync($"{role.ToLowerInvariant()}@matrix.gym", GymAppFactory.StaffPassword);
        var allowed = NavigationItems.All.Where(i => Policies.RolesByPolicy[i.Policy].Contains(role)).Select(i => i.Href).ToList();
        Assert.NotEmpty(allowed);

        foreach (var item in NavigationItems.All)
        {
            using var response = await client.GetAsync(item.Href);
            if (allowed.Contains(item.Href))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} opening {item.Href} got {(int)response.StatusCode} {response.Headers.Location}.");
                Assert.Equal(allowed, HttpAssert.NavigationLinks(await response.Content.ReadAsStringAsync()));
            }
            else
            {
                var query = HttpAssert.RedirectsTo(response, "/account/access-denied");
                Assert.Equal(item.Href, query["ReturnUrl"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task The_home_page_sends_each_role_to_a_page_it_may_open(string role)
    {
        await app.CreateStaffAsync($"{role.ToLowerInvariant()}@home.gym", role);
        var client = await app.CreateSignedInClientAsync($"{role.ToLowerInvariant()}@home.gym", GymAppFactory.StaffPassword);

        using var home = await client.GetAsync("/");
        var landing = HttpAssert.Redirect(home).PathAndQuery;
        using var page = await client.GetAsync(landing);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
