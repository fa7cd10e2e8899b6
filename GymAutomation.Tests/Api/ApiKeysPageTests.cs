using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using GymAutomation.Core.Integrations;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Integrations;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Api;

public sealed class ApiKeysPageTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    private static HashSet<string> AllScopes => [.. ApiScopes.All];

    private ApiKeys Keys => ui.Gym.Get<ApiKeys>();

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        ui.Context.Services.AddSingleton(Keys);
        ui.Context.AddAuthorization()
            .SetAuthorized("boss@gym.test")
            .SetRoles(Roles.Admin)
            .SetClaims(new Claim(StaffClaims.DisplayName, "Bea Boss"));
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Issuing_shows_the_key_once_with_a_warning_and_lists_it_by_its_prefix()
    {
        using var english = new CultureScope("en");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("No API keys yet", page.Find("[data-testid=api-keys-empty]").TextContent, StringComparison.Ordinal));

        page.Find("[data-testid=issue-key]").Click();
        page.WaitForElement("input[data-testid=api-key-name]").Change("Website form");
        Assert.Contains("Send leads from the website form", page.Find("[data-testid=api-key-scopes]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=dialog-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("Choose at least one scope", page.Find("[data-testid=api-key-scopes-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(await Keys.ListAsync());
        Scope(page, ApiScopes.LeadsWrite).Change(true);
        page.Find("[data-testid=dialog-save]").Click();

        var secret = "";
        page.WaitForAssertion(() => secret = page.Find("input[data-testid=api-key-secret]").GetAttribute("value")!);
        Assert.Contains("shown only this once", page.Find("[data-testid=api-key-issued]").TextContent, StringComparison.Ordinal);
        var issued = await Keys.FindAsync(secret);
        Assert.Equal(("Website form", "Bea Boss", true), (issued!.Name, issued.CreatedBy, issued.IsActive));
        Assert.Equal([ApiScopes.LeadsWrite], issued.Scopes);
        var row = Row(page, "Website form");
        Assert.Contains(ApiScopes.LeadsWrite, row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiScopes.ClientsRead, row.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{secret[..12]}…", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=api-key-done]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=api-key-issued]")));
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_already_used_by_an_active_key_is_refused_next_to_the_field()
    {
        await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea Boss");
        var page = RenderPage();
        page.WaitForAssertion(() => Row(page, "Kiosk"));

        page.Find("[data-testid=issue-key]").Click();
        page.WaitForElement("input[data-testid=api-key-name]").Change("Kiosk");
        page.Find("[data-testid=dialog-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Another active key already has this name.", page.Markup, StringComparison.Ordinal));
        Assert.Single(await Keys.ListAsync());
        Assert.Empty(page.FindAll("[data-testid=api-key-issued]"));
    }

    [Fact]
    public async Task Revoking_asks_first_and_then_the_key_no_longer_works()
    {
        using var english = new CultureScope("en");
        var kiosk = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea Boss")).Value!;
        var page = RenderPage();
        page.WaitForAssertion(() => Row(page, "Kiosk"));

        page.Find($"[data-testid=revoke-{kiosk.Key.Id}]").Click();
        page.WaitForAssertion(() => Assert.Contains("Revoke “Kiosk”?", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Buttons(page, "Cancel").Single().Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.True((await Keys.FindAsync(kiosk.Secret))!.IsActive);

        page.Find($"[data-testid=revoke-{kiosk.Key.Id}]").Click();
        page.WaitForAssertion(() => Buttons(page, "Revoke").Single().Click());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("“Kiosk” was revoked.", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal);
            Assert.Contains("Revoked", Row(page, "Kiosk").TextContent, StringComparison.Ordinal);
            Assert.Empty(page.FindAll($"[data-testid=revoke-{kiosk.Key.Id}]"));
        });
        var revoked = await Keys.FindAsync(kiosk.Secret);
        Assert.Equal((false, "Bea Boss"), (revoked!.IsActive, revoked.RevokedBy));
    }

    [Fact]
    public async Task Changing_a_keys_scopes_shows_what_it_has_ticked_and_saves_what_is_ticked_then()
    {
        using var english = new CultureScope("en");
        var kiosk = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea Boss")).Value!;
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains(ApiScopes.KpisRead, page.Find($"[data-testid=scopes-{kiosk.Key.Id}]").TextContent, StringComparison.Ordinal));

        page.Find($"[data-testid=edit-scopes-{kiosk.Key.Id}]").Click();
        page.WaitForAssertion(() => Assert.Contains("What “Kiosk” may do", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.All(ApiScopes.All, s => Assert.True(Scope(page, s).IsChecked()));
        foreach (var scope in ApiScopes.All.Where(s => s != ApiScopes.EventsWrite))
        {
            Scope(page, scope).Change(false);
        }

        page.Find("[data-testid=dialog-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(ApiScopes.EventsWrite, page.Find($"[data-testid=scopes-{kiosk.Key.Id}]").TextContent.Trim()));
        Assert.Equal([ApiScopes.EventsWrite], (await Keys.FindAsync(kiosk.Secret))!.Scopes);
        Assert.Contains("its next request is checked", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_spanish_the_page_reads_in_spanish()
    {
        using var spanish = new CultureScope("es");
        await Keys.IssueAsync(new ApiKeyInput { Name = "Quiosco", Scopes = AllScopes }, "Bea Boss");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Activa", Row(page, "Quiosco").TextContent, StringComparison.Ordinal));
        Assert.Contains("Emitir clave", page.Find("[data-testid=issue-key]").TextContent, StringComparison.Ordinal);
        Assert.Contains("por Bea Boss", Row(page, "Quiosco").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=issue-key]").Click();
        page.WaitForAssertion(() => Assert.Contains("Leer los clientes, con su email y teléfono", page.Find("[data-testid=api-key-scopes]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Lo que puede hacer", page.Find("[data-testid=api-key-scopes]").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<MudHost> RenderPage() => ui.RenderHost(b =>
    {
        b.OpenComponent<ApiKeysAdmin>(0);
        b.CloseComponent();
    });

    private static IElement Scope(IRenderedComponent<MudHost> page, string scope) => page.Find($"input[data-testid=\"scope-{scope}\"]");

    private static IElement Row(IRenderedComponent<MudHost> page, string name) =>
        page.FindAll("[data-testid=api-key-grid] tbody tr.mud-table-row").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));

    private static IEnumerable<IElement> Buttons(IRenderedComponent<MudHost> page, string text) =>
        page.FindAll(".mud-dialog button").Where(b => b.TextContent.Trim() == text);
}
