using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Clients;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Clients;

public sealed class ClientFormDialogTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync() => ui = await ComponentHost.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Every_bad_field_gets_its_message_next_to_it_and_nothing_is_saved()
    {
        var (host, _) = await OpenClientFormAsync();

        host.Fill("first-name", "  ");
        host.Fill("email", "ana@");
        host.Fill("phone", "call me maybe");
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());

        host.WaitForAssertion(() =>
        {
            Assert.Equal("This field is required.", host.ErrorUnder("first-name"));
            Assert.Equal("Enter a valid email address, like name@example.com.", host.ErrorUnder("email"));
            Assert.StartsWith("Enter a valid phone number", host.ErrorUnder("phone"));
            Assert.Null(host.ErrorUnder("last-name"));
        });
        Assert.NotEmpty(host.FindAll("[data-testid=form-dialog]"));
        await using var db = ui.Gym.CreateDb();
        Assert.Equal(0, await db.Clients.CountAsync());
    }

    [Fact]
    public async Task An_email_another_client_has_is_flagged_on_the_email_field()
    {
        await ui.Gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", Email = "ana@example.com" });
        var (host, _) = await OpenClientFormAsync();

        host.Fill("first-name", "Ana");
        host.Fill("email", "ANA@example.com");
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());

        host.WaitForAssertion(() => Assert.Equal("Another client already uses this email.", host.ErrorUnder("email")));
        await using var db = ui.Gym.CreateDb();
        Assert.Equal(1, await db.Clients.CountAsync());
    }

    [Fact]
    public async Task The_messages_follow_the_language_of_the_user()
    {
        using var spanish = new CultureScope("es");
        var (host, _) = await OpenClientFormAsync();

        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());

        host.WaitForAssertion(() => Assert.Equal("Este campo es obligatorio.", host.ErrorUnder("first-name")));
        Assert.Contains("Nuevo cliente o lead", host.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_client_is_saved_and_the_dialog_closes_with_it()
    {
        var (host, saving) = await OpenClientFormAsync();

        host.Fill("first-name", "Lucía");
        host.Fill("email", "lucia@example.com");
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());

        var saved = await saving.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("Lucía", "lucia@example.com"), (saved!.FirstName, saved.Email));
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=form-dialog]")));
    }

    [Fact]
    public async Task The_source_reads_in_words_and_is_stored_as_its_code()
    {
        using var spanish = new CultureScope("es");
        var ana = (await ui.Gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", Source = "facebook-ads" })).Value!;
        var (host, saving) = await OpenClientFormAsync(ana);
        Assert.Equal("Facebook Ads", host.Find("input[data-testid=source]").GetAttribute("value"));

        var source = host.Find("input[data-testid=source]");
        source.Input("Visita espontánea");
        host.Find("input[data-testid=source]").Blur();
        host.WaitForAssertion(() => Assert.Equal("Visita espontánea", host.Find("input[data-testid=source]").GetAttribute("value")));
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());

        Assert.Equal("walk-in", (await saving.WaitAsync(TimeSpan.FromSeconds(10)))!.Source);
    }

    /// <summary>Opens the form as the list's button does (or a client page's edit button); the task ends with what the dialog saved.</summary>
    private async Task<(IRenderedComponent<MudHost> Host, Task<Client?> Saving)> OpenClientFormAsync(Client? client = null)
    {
        var host = ui.RenderHost();
        var actions = ui.Get<FrontDeskActions>();
        var saving = Task.FromResult<Client?>(null);
        await host.InvokeAsync(() => { saving = actions.EditClientAsync(client); });
        host.WaitForElement("input[data-testid=first-name]");
        return (host, saving);
    }
}
