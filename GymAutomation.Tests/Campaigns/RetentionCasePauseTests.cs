using GymAutomation.Core.Campaigns;
using GymAutomation.Core.Forecast;
using GymAutomation.Core.Retention;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Campaigns;

/// <summary>A campaign (promotional, so it pauses for a retention case) waits for a client whose case is being worked, and goes on when the case closes.</summary>
public sealed class RetentionCasePauseTests : IAsyncLifetime
{
    private CampaignGym gym = default!;

    public async Task InitializeAsync() => gym = await CampaignGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_campaign_waits_for_a_client_whose_case_is_worked_the_forecast_says_so_and_it_goes_on_when_the_case_closes()
    {
        var ana = await gym.LeadAsync("Ana");
        await gym.LeadAsync("Bea");
        var alert = await CaseInProgressAsync(ana);
        await gym.ScheduleAsync(CampaignGym.Draft("Cierre del 25", await gym.LeadsSegmentAsync()));

        await gym.RunJobsUntilAsync(gym.Gym.Clock.UtcNow.AddDays(1));

        Assert.Equal(["bea@example.com"], gym.Smtp.Messages().Select(m => m.To.Mailboxes.Single().Address));
        var forecast = await gym.Gym.Get<ContactForecast>().ForClientAsync(ana);
        Assert.Empty(forecast.Emails);
        Assert.Equal("Cierre del 25", Assert.Single(forecast.Paused).WorkflowName);

        await CloseAsync(alert);
        forecast = await gym.Gym.Get<ContactForecast>().ForClientAsync(ana);
        Assert.Empty(forecast.Paused);
        Assert.Equal("Ana, cerramos el día 25", Assert.Single(forecast.Emails).Subject);
        await gym.RunJobsUntilAsync(gym.Gym.Clock.UtcNow.AddDays(1));

        Assert.Equal(["ana@example.com", "bea@example.com"], gym.Smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).Order());
    }

    [Fact]
    public async Task A_workflow_that_does_not_pause_sends_during_the_case()
    {
        var ana = await gym.LeadAsync("Ana");
        await CaseInProgressAsync(ana);
        var id = await gym.ScheduleAsync(CampaignGym.Draft("Cierre del 25", await gym.LeadsSegmentAsync()));
        await using (var db = gym.Gym.CreateDb())
        {
            var workflowId = await db.Campaigns.Where(c => c.Id == id).Select(c => c.WorkflowId).SingleAsync();
            await db.Set<Core.Workflows.EmailWorkflow>().Where(w => w.Id == workflowId).ExecuteUpdateAsync(u => u.SetProperty(w => w.PausesForRetentionCase, false));
        }

        await gym.RunJobsUntilAsync(gym.Gym.Clock.UtcNow.AddHours(1));

        Assert.Equal(["ana@example.com"], gym.Smtp.Messages().Select(m => m.To.Mailboxes.Single().Address));
        Assert.Empty((await gym.Gym.Get<ContactForecast>().ForClientAsync(ana)).Paused);
    }

    private async Task<int> CaseInProgressAsync(int clientId)
    {
        await using var db = gym.Gym.CreateDb();
        var now = gym.Gym.Clock.UtcNow;
        var alert = new RetentionAlert
        {
            ClientId = clientId, Type = AlertType.NoAttendance, RuleName = "No attendance", RiskScore = 60, Status = AlertStatus.InProgress,
            CreatedAt = now, UpdatedAt = now,
        };
        db.RetentionAlerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    private async Task CloseAsync(int alertId)
    {
        await using var db = gym.Gym.CreateDb();
        var now = gym.Gym.Clock.UtcNow;
        await db.RetentionAlerts.Where(a => a.Id == alertId).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.Status, AlertStatus.Resolved).SetProperty(a => a.Outcome, AlertOutcome.Returned).SetProperty(a => a.ClosedAt, now));
    }
}
