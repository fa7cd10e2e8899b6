using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Events;

public sealed class ParkedEventsPageTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync() => ui = await ComponentHost.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Says_so_when_nothing_is_parked()
    {
        var page = ui.Context.Render<ParkedEventsPage>();

        page.WaitForAssertion(() => Assert.Contains("No parked events", page.Markup, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=retry-all]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Lists_a_parked_event_with_its_error_and_sends_it_back_on_retry()
    {
        var client = (await ui.Gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", LastName = "Ruiz" })).Value!;
        await using (var db = ui.Gym.CreateDb())
        {
            await db.ClientEvents.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, EventStatus.Parked)
                .SetProperty(e => e.Attempts, 5)
                .SetProperty(e => e.LastError, "InvalidOperationException: the rule table is locked"));
        }

        var host = ui.RenderHost();
        var page = ui.Context.Render<ParkedEventsPage>();
        page.WaitForAssertion(() => Assert.Contains("the rule table is locked", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Ana Ruiz", page.Markup, StringComparison.Ordinal);
        Assert.Contains(ClientEventTypes.LeadCreated, page.Markup, StringComparison.Ordinal);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Retry").Click();

        page.WaitForAssertion(() => Assert.Contains("No parked events", page.Markup, StringComparison.Ordinal));
        host.WaitForAssertion(() => Assert.Contains("Sent back to the engines: 1.", host.Markup, StringComparison.Ordinal));
        await using var check = ui.Gym.CreateDb();
        var retried = await check.ClientEvents.SingleAsync(e => e.ClientId == client.Id);
        Assert.Equal((EventStatus.Pending, 0), (retried.Status, retried.Attempts));
    }
}
