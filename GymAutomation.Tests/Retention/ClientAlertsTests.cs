using Bunit;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Retention.Alerts;

namespace GymAutomation.Tests.Retention;

public sealed class ClientAlertsTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync() => ui = await RetentionUi.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_open_alerts_come_first_by_risk_then_the_past_ones_latest_first_with_how_they_ended()
    {
        using var english = new CultureScope("en");
        var gym = ui.Gym;
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        var carla = await gym.ClientAsync("Carla");
        await gym.AlertAsync(carla, AlertType.NoAttendance, 90, AlertStatus.Resolved, ana, AlertOutcome.Returned, automatically: true, daysAgo: 40);
        await gym.AlertAsync(carla, AlertType.MembershipExpiring, 50, AlertStatus.Resolved, ana, AlertOutcome.Contacted, note: "Renewing on Monday", daysAgo: 10);
        await gym.AlertAsync(carla, AlertType.LowClassBooking, 40, AlertStatus.Dismissed, note: "Injured, back in May", daysAgo: 20);
        await gym.AlertAsync(carla, AlertType.PaymentFailed, 80, AlertStatus.InProgress, ana, daysAgo: 2);
        await gym.AlertAsync(carla, AlertType.NoAttendance, 70, daysAgo: 1);
        await gym.AlertAsync(await gym.ClientAsync("Bruno"), AlertType.NoAttendance, 90);

        var card = ui.Context.Render<ClientAlerts>(p => p.Add(c => c.ClientId, carla));

        card.WaitForAssertion(() => Assert.Equal(5, card.FindAll("[data-testid=client-alert]").Count));
        var alerts = card.FindAll("[data-testid=client-alert]");
        Assert.Equal(["IN_PROGRESS", "OPEN", "RESOLVED", "DISMISSED", "RESOLVED"], alerts.Select(a => a.GetAttribute("data-status")));
        Assert.Equal(["80", "70", "50", "40", "90"], alerts.Select(a => a.QuerySelector("[data-testid=risk-chip]")!.TextContent.Trim()));

        var inProgress = alerts[0].TextContent;
        Assert.Contains("Payment failed", inProgress, StringComparison.Ordinal);
        Assert.Contains("In progress", inProgress, StringComparison.Ordinal);
        Assert.Contains("A payment of 39.90 EUR failed 3 days ago", inProgress, StringComparison.Ordinal);
        Assert.Contains("Assigned to Ana", inProgress, StringComparison.Ordinal);
        Assert.Contains("Nobody has it", alerts[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(alerts[0].QuerySelectorAll("[data-testid=alert-ending]"));

        Assert.StartsWith("Resolved on", Ending(alerts[2]), StringComparison.Ordinal);
        Assert.EndsWith("· Contacted", Ending(alerts[2]), StringComparison.Ordinal);
        Assert.Equal("“Renewing on Monday”", alerts[2].QuerySelector("[data-testid=alert-note]")!.TextContent.Trim());
        Assert.StartsWith("Dismissed on", Ending(alerts[3]), StringComparison.Ordinal);
        Assert.Equal("“Injured, back in May”", alerts[3].QuerySelector("[data-testid=alert-note]")!.TextContent.Trim());
        Assert.EndsWith("· Came back · automatically", Ending(alerts[4]), StringComparison.Ordinal);
        Assert.Equal("/marketing/automation/retention/", card.Find("[data-testid=client-alerts-board]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_client_without_alerts_says_so()
    {
        using var english = new CultureScope("en");
        var dora = await ui.Gym.ClientAsync("Dora");
        await ui.Gym.AlertAsync(await ui.Gym.ClientAsync("Bruno"), AlertType.NoAttendance, 90);
        var card = ui.Context.Render<ClientAlerts>(p => p.Add(c => c.ClientId, dora));
        card.WaitForElement("[data-testid=no-client-alerts]");
        Assert.Equal("No retention alerts for this client.", card.Find("[data-testid=no-client-alerts]").TextContent.Trim());

        using var spanish = new CultureScope("es");
        var tarjeta = ui.Context.Render<ClientAlerts>(p => p.Add(c => c.ClientId, dora));
        tarjeta.WaitForAssertion(() => Assert.Equal("Este cliente no tiene alertas de retención.", tarjeta.Find("[data-testid=no-client-alerts]").TextContent.Trim()));
    }

    private static string Ending(AngleSharp.Dom.IElement alert) => alert.QuerySelector("[data-testid=alert-ending]")!.TextContent.Trim();
}
