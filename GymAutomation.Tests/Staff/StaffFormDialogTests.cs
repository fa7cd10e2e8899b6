using Bunit;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;

using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Staff;

public sealed class StaffFormDialogTests : IAsyncLifetime
{
    private StaffUi ui = null!;

    public async Task InitializeAsync() => ui = await StaffUi.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Saving_an_empty_form_shows_each_error_next_to_its_field_and_creates_nothing()
    {
        var (host, _) = await ui.OpenFormAsync();

        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() =>
        {
            Assert.Equal("This field is required.", host.ErrorUnder("staff-name"));
            Assert.Equal("This field is required.", host.ErrorUnder("staff-email"));
            Assert.Equal("This field is required.", host.ErrorUnder("staff-password"));
            Assert.Equal("Choose at least one role.", host.Find("[data-testid=roles-error]").TextContent.Trim());
        });
        Assert.Empty(await ui.Accounts.ListAsync());
        Assert.NotEmpty(host.FindAll("[data-testid=form-dialog]"));
    }

    [Fact]
    public async Task An_invalid_email_a_short_password_and_no_role_are_each_explained_and_nothing_is_created()
    {
        var (host, _) = await ui.OpenFormAsync();

        host.Fill("staff-name", "Ana Pérez");
        host.Fill("staff-email", "ana.example.com");
        host.Fill("staff-password", "Ab1");
        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() =>
        {
            Assert.Null(host.ErrorUnder("staff-name"));
            Assert.Equal("Enter a valid email address, like name@example.com.", host.ErrorUnder("staff-email"));
            Assert.Equal("Use at least 12 characters.", host.ErrorUnder("staff-password"));
            Assert.Equal("Choose at least one role.", host.Find("[data-testid=roles-error]").TextContent.Trim());
        });
        Assert.Empty(await ui.Accounts.ListAsync());
    }

    [Fact]
    public async Task A_password_error_from_identity_lands_on_the_password_field()
    {
        var (host, _) = await ui.OpenFormAsync();

        host.Fill("staff-name", "Ana Pérez");
        host.Fill("staff-email", "ana@gym.test");
        host.Fill("staff-password", "Password2026!");
        host.Find("[data-testid=role-Staff]").Change(true);
        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() => Assert.Equal(
            "This password is one of the most common ones, or a common word or a word of this gym or account with digits or symbols around it: choose a phrase of your own.",
            host.ErrorUnder("staff-password")));
        Assert.Null(host.ErrorUnder("staff-email"));
        Assert.Empty(host.FindAll("[data-testid=roles-error]"));
        Assert.Empty(await ui.Accounts.ListAsync());
    }

    [Fact]
    public async Task Changing_a_field_clears_its_error()
    {
        var (host, _) = await ui.OpenFormAsync();
        host.Find("[data-testid=dialog-save]").Click();
        host.WaitForAssertion(() => Assert.NotNull(host.ErrorUnder("staff-email")));

        host.Fill("staff-email", "ana@gym.test");

        host.WaitForAssertion(() => Assert.Null(host.ErrorUnder("staff-email")));
        Assert.NotNull(host.ErrorUnder("staff-name"));
    }

    [Fact]
    public async Task A_duplicate_email_is_reported_on_the_email_field()
    {
        await ui.CreateAsync("ana@gym.test", "Ana", Roles.Staff);
        var (host, _) = await ui.OpenFormAsync();

        host.Fill("staff-name", "Another Ana");
        host.Fill("staff-email", "ana@gym.test");
        host.Fill("staff-password", "Str0ng.Pass.2026");
        host.Find("[data-testid=role-Staff]").Change(true);
        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() => Assert.Equal("Another staff member already uses this email.", host.ErrorUnder("staff-email")));
        Assert.Single(await ui.Accounts.ListAsync());
    }

    [Fact]
    public async Task A_valid_form_creates_the_member_closes_and_confirms()
    {
        var (host, dialog) = await ui.OpenFormAsync();

        host.Fill("staff-name", "Ana Pérez");
        host.Fill("staff-email", "ana@gym.test");
        host.Fill("staff-password", "Str0ng.Pass.2026");
        host.Find("[data-testid=role-Manager]").Change(true);
        host.Find("[data-testid=role-Marketer]").Change(true);
        host.Find("[data-testid=dialog-save]").Click();

        var result = await dialog.Result;
        Assert.Equal("Ana Pérez", Assert.IsType<StaffUser>(result?.Data).DisplayName);
        var member = Assert.Single(await ui.Accounts.ListAsync());
        Assert.Equal([Roles.Manager, Roles.Marketer], member.Roles);
        host.WaitForAssertion(() =>
        {
            Assert.Empty(host.FindAll("[data-testid=form-dialog]"));
            Assert.Contains("Ana Pérez was added.", host.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Editing_keeps_the_password_when_left_blank_and_saves_the_new_roles()
    {
        var admin = await ui.CreateAsync("boss@gym.test", "Boss", Roles.Admin);
        await ui.CreateAsync("ana@gym.test", "Ana", Roles.Staff);
        var ana = (await ui.Accounts.ListAsync()).Single(m => m.Email == "ana@gym.test");
        var (host, dialog) = await ui.OpenFormAsync(ana, admin.Id);

        Assert.Equal("Ana", host.Find("[data-testid=staff-name]").GetAttribute("value"));
        Assert.Equal("New password", host.Find("input[data-testid=staff-password]").Closest(".mud-input-control")!.QuerySelector("label")!.TextContent.Trim());
        host.Find("[data-testid=role-Staff]").Change(false);
        host.Find("[data-testid=role-Manager]").Change(true);
        host.Find("[data-testid=dialog-save]").Click();

        Assert.False((await dialog.Result)!.Canceled);
        Assert.Equal([Roles.Manager], (await ui.Accounts.ListAsync()).Single(m => m.Id == ana.Id).Roles);
    }

    [Fact]
    public async Task An_admin_editing_themselves_cannot_untick_admin()
    {
        var admin = await ui.CreateAsync("boss@gym.test", "Boss", Roles.Admin);
        var self = Assert.Single(await ui.Accounts.ListAsync());

        var (host, _) = await ui.OpenFormAsync(self, admin.Id);

        Assert.True(host.Find("[data-testid=role-Admin]").HasAttribute("disabled"));
        Assert.False(host.Find("[data-testid=role-Manager]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_password_containing_the_email_is_refused_next_to_the_field_in_spanish()
    {
        using var spanish = new CultureScope("es");
        var (host, _) = await ui.OpenFormAsync();

        host.Fill("staff-name", "Ana Pérez");
        host.Fill("staff-email", "ana@gym.test");
        host.Fill("staff-password", "mi clave es ana@gym.test");
        host.Find("[data-testid=role-Staff]").Change(true);
        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() => Assert.Equal("La contraseña no puede contener la dirección de correo.", host.ErrorUnder("staff-password")));
        Assert.Empty(await ui.Accounts.ListAsync());
    }

    [Fact]
    public async Task The_form_speaks_spanish_to_a_spanish_user()
    {
        using var spanish = new CultureScope("es");
        var (host, _) = await ui.OpenFormAsync();

        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() =>
        {
            Assert.Equal("Añadir miembro del equipo", host.Find(".mud-dialog-title").TextContent.Trim());
            Assert.Equal("Este campo es obligatorio.", host.ErrorUnder("staff-email"));
            Assert.Equal("Elige al menos un rol.", host.Find("[data-testid=roles-error]").TextContent.Trim());
        });
        Assert.Contains("Recepción", host.Find("[data-testid=staff-roles]").TextContent, StringComparison.Ordinal);
    }
}
