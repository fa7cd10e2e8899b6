using System.Net;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Staff;
using Microsoft.Extensions.DependencyInjection;


namespace GymAutomation.Tests.Staff;

public sealed class StaffAdminPageTests : IAsyncLifetime
{
    private StaffUi ui = null!;
    private StaffUser admin = null!;

    public async Task InitializeAsync()
    {
        ui = await StaffUi.StartAsync();
        admin = await ui.CreateAsync("boss@gym.test", "Bea Boss", Roles.Admin);
        ui.Context.AddAuthorization()
            .SetAuthorized("boss@gym.test")
            .SetRoles(Roles.Admin)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id));
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_list_shows_each_member_with_localized_roles_status_and_creation_date_in_the_gyms_time()
    {
        using var english = new CultureScope("en");
        await ui.CreateAsync("ana@gym.test", "Ana Pérez", Roles.Manager, Roles.Marketer);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        var ana = Row(page, "ana@gym.test");
        Assert.Contains("Ana Pérez", ana.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Manager", "Marketer"], ana.QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim()).Take(2));
        Assert.Contains("Active", ana.TextContent, StringComparison.Ordinal);
        // 09:00 UTC on 10 March 2026 is 10:00 in Madrid; the tooltip gives the time, the cell the date.
        var created = ana.QuerySelector("span[title]")!;
        Assert.Equal(("10/03/2026", "10/03/2026 10:00"), (Text(created), Normalize(created.GetAttribute("title")!)));
        Assert.Contains("You", Row(page, "boss@gym.test").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_spanish_the_roles_statuses_and_dates_read_in_spanish()
    {
        using var spanish = new CultureScope("es");
        await ui.CreateAsync("ana@gym.test", "Ana Pérez", Roles.Staff);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        var ana = Row(page, "ana@gym.test");
        Assert.Contains("Activo", ana.TextContent, StringComparison.Ordinal);
        Assert.Equal(("10/3/2026", "10/3/2026 10:00"), (Text(ana.QuerySelector("span[title]")!), Normalize(ana.QuerySelector("span[title]")!.GetAttribute("title")!)));
        Assert.Contains("Añadir miembro del equipo", page.Find("[data-testid=add-staff]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Tú", Row(page, "boss@gym.test").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quick_search_filters_by_name_email_or_role_and_says_when_nothing_matches()
    {
        await ui.CreateAsync("ana@gym.test", "Ana Pérez", Roles.Marketer);
        await ui.CreateAsync("luis@gym.test", "Luis Gil", Roles.Staff);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));

        Search(page, "pérez");
        page.WaitForAssertion(() => Assert.Equal(["ana@gym.test"], Emails(page)));

        Search(page, "marketer");
        page.WaitForAssertion(() => Assert.Equal(["ana@gym.test"], Emails(page)));

        Search(page, "zzz");
        page.WaitForAssertion(() => Assert.Equal("No one matches “zzz”.", page.Find("[data-testid=staff-empty]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_member_locked_out_from_an_address_shows_until_when()
    {
        using var english = new CultureScope("en");
        await ui.CreateAsync("ana@gym.test", "Ana", Roles.Staff);
        await FailSignInsAsync("ANA@gym.test ", "203.0.113.9", 5);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Locked until 10/03/2026 10:15", Text(Row(page, "ana@gym.test")), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_sees_who_is_locked_out_from_where_and_unlocks_it_after_confirming()
    {
        using var english = new CultureScope("en");
        await FailSignInsAsync("ana@gym.test", "203.0.113.9", 5);
        await FailSignInsAsync("nobody@gym.test", "198.51.100.4", 2);
        var page = RenderPage();

        var row = page.WaitForElement("[data-testid='lockout-ana@gym.test-203.0.113.9']");
        Assert.Equal(["ana@gym.test", "203.0.113.9", "5", "10/03/2026 10:15", "Unlock"], row.QuerySelectorAll("td").Select(Text));
        Assert.Single(page.FindAll("[data-testid=lockouts] tbody tr"));

        row.QuerySelector("[data-testid=unlock]")!.Click();
        page.WaitForAssertion(() => Assert.Contains(
            "Sign-ins for ana@gym.test from 203.0.113.9 are allowed again at once", page.Find("[data-testid=staff-confirm]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=confirm-yes]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("ana@gym.test from 203.0.113.9 was unlocked.", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal);
            Assert.Equal("No one is locked out.", Text(page.Find("[data-testid=lockouts-empty]")));
        });
        Assert.False(await LockedAsync("ana@gym.test", "203.0.113.9"));
    }

    [Fact]
    public async Task A_lockout_of_a_whole_address_reads_in_spanish_and_cancelling_keeps_it()
    {
        using var spanish = new CultureScope("es");
        for (var i = 1; i <= 20; i++)
        {
            await FailSignInsAsync($"guess{i}@gym.test", "198.51.100.7", 1);
        }

        var page = RenderPage();

        var row = page.WaitForElement("[data-testid='lockout--198.51.100.7']");
        Assert.Equal(["Cualquier email (la dirección)", "198.51.100.7", "20", "10/3/2026 10:15", "Desbloquear"], row.QuerySelectorAll("td").Select(Text));
        row.QuerySelector("[data-testid=unlock]")!.Click();
        page.WaitForElement("[data-testid=confirm-cancel]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=confirm-cancel]")));
        Assert.True(await LockedAsync("someone@gym.test", "198.51.100.7"));
    }

    private async Task FailSignInsAsync(string email, string address, int times)
    {
        await using var scope = ui.Gym.Services.CreateAsyncScope();
        var limits = scope.ServiceProvider.GetRequiredService<SignInLimits>();
        for (var i = 0; i < times; i++)
        {
            await limits.RecordFailureAsync(SignInLimits.EmailKey(email), SignInLimits.AddressKey(IPAddress.Parse(address)));
        }
    }

    private async Task<bool> LockedAsync(string email, string address)
    {
        await using var scope = ui.Gym.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignInLimits>().IsLockedAsync(SignInLimits.EmailKey(email), address);
    }

    [Fact]
    public async Task Adding_a_member_through_the_dialog_refreshes_the_list_and_confirms()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));

        page.Find("[data-testid=add-staff]").Click();
        page.WaitForAssertion(() => page.Find("input[data-testid=staff-name]"));
        page.Find("input[data-testid=staff-name]").Change("Ana Pérez");
        page.Find("input[data-testid=staff-email]").Change("ana@gym.test");
        page.Find("input[data-testid=staff-password]").Change("Str0ng.Pass.2026");
        page.Find("[data-testid=role-Staff]").Change(true);
        page.Find("[data-testid=dialog-save]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal(2, Rows(page).Count);
            Assert.Contains("Ana Pérez was added.", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Deactivating_asks_first_then_marks_the_member_deactivated()
    {
        await ui.CreateAsync("ana@gym.test", "Ana Pérez", Roles.Staff);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));

        page.Find("[data-testid='toggle-ana@gym.test']").Click();
        page.WaitForAssertion(() => Assert.Contains("Deactivate Ana Pérez?", page.Find(".mud-dialog-title").TextContent, StringComparison.Ordinal));
        Assert.True((await ui.Accounts.ListAsync()).Single(m => m.Email == "ana@gym.test").IsActive);
        Assert.Equal("Deactivate", page.Find("[data-testid=confirm-yes]").TextContent.Trim());
        page.Find("[data-testid=confirm-yes]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Deactivated", Row(page, "ana@gym.test").TextContent, StringComparison.Ordinal);
            Assert.Contains("Ana Pérez was deactivated.", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal);
        });
        Assert.False((await ui.Accounts.ListAsync()).Single(m => m.Email == "ana@gym.test").IsActive);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing_and_reactivating_restores_access()
    {
        var ana = await ui.CreateAsync("ana@gym.test", "Ana Pérez", Roles.Staff);
        await ui.Accounts.SetActiveAsync(ana.Id, false, admin.Id);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("Deactivated", Row(page, "ana@gym.test").TextContent, StringComparison.Ordinal));

        page.Find("[data-testid='toggle-ana@gym.test']").Click();
        page.WaitForElement("[data-testid=confirm-cancel]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=confirm-cancel]")));
        Assert.False((await ui.Accounts.ListAsync()).Single(m => m.Id == ana.Id).IsActive);

        page.Find("[data-testid='toggle-ana@gym.test']").Click();
        page.WaitForElement("[data-testid=confirm-yes]").Click();

        page.WaitForAssertion(() => Assert.Contains("Ana Pérez was reactivated.", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        Assert.True((await ui.Accounts.ListAsync()).Single(m => m.Id == ana.Id).IsActive);
    }

    [Fact]
    public async Task The_sessions_dialog_lists_a_members_open_sign_ins_and_ends_them_all()
    {
        using var english = new CultureScope("en");
        var ana = await ui.CreateAsync("ana@gym.test", "Ana Pérez", Roles.Staff);
        var sessions = ui.Gym.Get<StaffSessions>();
        await sessions.StartAsync(ana.Id, "203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
        await sessions.StartAsync(ana.Id, "198.51.100.20", "Mozilla/5.0 (iPhone)");
        await sessions.RevokeAsync(await sessions.StartAsync(ana.Id, "192.0.2.1", null), StaffSessionEnd.SignedOut);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));

        page.Find("[data-testid='sessions-ana@gym.test']").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=sessions-table] tbody tr").Count));
        Assert.Contains("203.0.113.7", page.Find("[data-testid=sessions-table]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.1", page.Find("[data-testid=sessions-table]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=sign-out-everywhere]").Click();

        page.WaitForAssertion(() => Assert.Contains("Ana Pérez was signed out: 2 sessions ended.", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        Assert.Empty(await sessions.ListActiveAsync(ana.Id, TimeSpan.FromHours(12)));
    }

    [Fact]
    public void The_signed_in_admin_is_not_offered_to_deactivate_themselves()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        Assert.Empty(page.FindAll("[data-testid='toggle-boss@gym.test']"));
        Assert.NotEmpty(page.FindAll("[data-testid='edit-boss@gym.test']"));
    }

    private IRenderedComponent<MudHost> RenderPage() => ui.RenderHost(b =>
    {
        b.OpenComponent<StaffAdmin>(0);
        b.CloseComponent();
    });

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<MudHost> page) =>
        [.. page.FindAll("[data-testid=staff-grid] tbody tr.mud-table-row")];

    private static IElement Row(IRenderedComponent<MudHost> page, string email) =>
        Rows(page).Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));

    private static IEnumerable<string> Emails(IRenderedComponent<MudHost> page) =>
        Rows(page).Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim());

    // ICU puts narrow no-break spaces in times ("10:00 AM").
    private static string Normalize(string text) => text.Replace('\u202F', ' ').Trim();

    private static string Text(IElement element) => Normalize(element.TextContent);

    private static void Search(IRenderedComponent<MudHost> page, string text) =>
        page.Find("input[data-testid=staff-search]").Input(text);
}
