using AngleSharp.Dom;
using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Clients;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Retention;

/// <summary>The client's freezes card and its dialog, in both languages, over a real database.</summary>
public sealed class FreezeDialogTests : IAsyncLifetime
{
    private ComponentHost ui = null!;
    private int member;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        var today = ui.Gym.Clock.Today;
        await using var db = ui.Gym.CreateDb();
        var client = new Client { FirstName = "Marta", LastName = "Test", Status = ClientStatus.Active, CreatedAt = ui.Gym.Clock.UtcNow, UpdatedAt = ui.Gym.Clock.UtcNow };
        client.Memberships.Add(new Membership { Plan = "Monthly", StartDate = today.AddDays(-60), EndDate = today.AddDays(30), Status = MembershipStatus.Active, CreatedAt = ui.Gym.Clock.UtcNow });
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        member = client.Id;
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Freezing_from_the_card_saves_shows_frozen_until_and_ending_it_asks_first()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForElement("[data-testid=no-freezes]");

        await host.InvokeAsync(() => host.Find("[data-testid=freeze-membership]").Click());
        host.WaitForElement("input[data-testid=freeze-reason]");
        Assert.Contains("Freeze membership", host.Markup, StringComparison.Ordinal);
        await host.InvokeAsync(() => host.Fill("freeze-reason", "Knee injury"));
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());

        var until = ui.Gym.Clock.Today.AddDays(13);
        host.WaitForAssertion(() => Assert.Contains("Membership frozen.", host.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        host.WaitForAssertion(() => Assert.Equal($"Frozen until {until:dd/MM/yyyy}", host.Find("[data-testid=frozen-chip]").TextContent.Trim()));
        Assert.Contains("Knee injury", host.Find("[data-testid=freeze]").TextContent, StringComparison.Ordinal);
        Assert.Equal(ui.Gym.Clock.Today.AddDays(44), await EndAsync());

        var clicked = host.InvokeAsync(() => host.Find("[data-testid=end-freeze]").Click());
        host.WaitForAssertion(() => Assert.Contains("End the freeze \"Knee injury\" now?", host.Markup, StringComparison.Ordinal));
        await host.InvokeAsync(() => Confirm(host, "End now").Click());
        await clicked;

        host.WaitForAssertion(() => Assert.Contains("Freeze ended.", host.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        host.WaitForElement("[data-testid=no-freezes]");
        Assert.Equal(ui.Gym.Clock.Today.AddDays(30), await EndAsync());
    }

    [Fact]
    public async Task In_Spanish_an_overlapping_freeze_is_refused_next_to_its_date_and_nothing_is_written()
    {
        using var spanish = new CultureScope("es");
        var saved = await ui.Gym.Get<Freezes>().FreezeAsync(member, new FreezeInput { Reason = "Viaje", StartDate = ui.Gym.Clock.Today.AddDays(5), EndDate = ui.Gym.Clock.Today.AddDays(20) });
        Assert.True(saved.Succeeded);
        var host = Render();
        host.WaitForAssertion(() => Assert.Contains("Viaje", host.Find("[data-testid=freeze]").TextContent, StringComparison.Ordinal));
        Assert.Contains("prevista", host.Find("[data-testid=freeze]").TextContent, StringComparison.Ordinal);
        Assert.Empty(host.FindAll("[data-testid=frozen-chip]"));

        await host.InvokeAsync(() => host.Find("[data-testid=freeze-membership]").Click());
        host.WaitForElement("input[data-testid=freeze-reason]");
        Assert.Contains("Congelar membresía", host.Markup, StringComparison.Ordinal);
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());
        host.WaitForAssertion(() => Assert.NotNull(host.ErrorUnder("freeze-reason")));
        await host.InvokeAsync(() => host.Fill("freeze-reason", "Lesión"));
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());

        host.WaitForAssertion(() => Assert.Contains("Este periodo se solapa con otra congelación", host.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(host.FindAll("[data-testid=form-dialog]"));
        await using var db = ui.Gym.CreateDb();
        Assert.Equal(1, await db.MembershipFreezes.CountAsync());
    }

    private IRenderedComponent<MudHost> Render() =>
        ui.RenderHost(b =>
        {
            b.OpenComponent<ClientFreezesCard>(0);
            b.AddAttribute(1, nameof(ClientFreezesCard.ClientId), member);
            b.CloseComponent();
        });

    private static IElement Confirm(IRenderedComponent<MudHost> host, string text)
    {
        IElement? button = null;
        host.WaitForAssertion(() => button = host.FindAll("button").Single(b => b.TextContent.Trim() == text && !b.HasAttribute("data-testid")));
        return button!;
    }

    private async Task<DateOnly?> EndAsync()
    {
        await using var db = ui.Gym.CreateDb();
        return await db.Memberships.Where(m => m.ClientId == member).Select(m => m.EndDate).SingleAsync();
    }
}
