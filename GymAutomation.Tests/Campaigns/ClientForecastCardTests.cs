using Bunit;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Retention;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Forecast;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace GymAutomation.Tests.Campaigns;

/// <summary>The forecast card sits below the fold of the client page: it is worked out once the live circuit starts, not in the prerender too.</summary>
public sealed class ClientForecastCardTests : IAsyncLifetime
{
    private ComponentHost ui = null!;
    private int ana;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        ana = await ui.Gym.ClientAsync("Ana");
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Prerendered_it_is_its_title_and_a_loading_bar_and_live_it_shows_the_forecast()
    {
        using var spanish = new CultureScope("es");
        await using var prerender = new HtmlRenderer(ui.Context.Services, NullLoggerFactory.Instance);

        var markup = await prerender.Dispatcher.InvokeAsync(async () =>
        {
            var card = await prerender.RenderComponentAsync<ClientForecastCard>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ClientForecastCard.ClientId)] = ana }));
            return card.ToHtmlString();
        });

        Assert.Contains("data-testid=\"client-forecast\"", markup, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"forecast-loading\"", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("forecast-empty", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("forecast-sending-off", markup, StringComparison.Ordinal);

        var live = ui.Context.Render<ClientForecastCard>(p => p.Add(c => c.ClientId, ana));

        live.WaitForAssertion(() => Assert.NotEmpty(live.FindAll("[data-testid=forecast-empty], [data-testid=forecast-sending-off]")), TimeSpan.FromSeconds(5));
        Assert.Empty(live.FindAll("[data-testid=forecast-loading]"));
    }
}
