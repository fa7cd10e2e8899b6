using GymAutomation.Core.Calendar;
using GymAutomation.Core.Forecast;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Campaigns;

public sealed class ForecastTests : IAsyncLifetime
{
    private CampaignGym gym = default!;

    // The scheduler's defaults, but campaigns launched on the hour: a week of five-minute runs adds nothing to the test.
    public async Task InitializeAsync() => gym = await CampaignGym.StartAsync(("Jobs:Schedules:send-campaigns:Cron", "0 * * * *"));

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task What_was_forecast_for_a_client_s_week_is_what_was_sent_cap_and_all()
    {
        await using (var db = gym.Gym.CreateDb())
        {
            db.EmailWorkflows.AddRange(DemoWorkflows.Original(gym.Gym.Clock.UtcNow));
            await db.SaveChangesAsync();
        }

        var ana = await gym.LeadAsync("Ana");
        var segment = await gym.LeadsSegmentAsync();
        await gym.ScheduleAsync(CampaignGym.Draft("Cierre del 25", segment, gym.Gym.Clock.UtcNow.AddDays(1)));
        var start = gym.Gym.Clock.UtcNow;

        var forecast = await gym.Gym.Get<ContactForecast>().ForClientAsync(ana);
        await gym.RunJobsUntilAsync(start.AddDays(7));

        var expected = forecast.Emails.Where(e => e.At <= start.AddDays(7)).Select(e => (e.WorkflowName, e.Subject, e.At)).ToList();
        await using var read = gym.Gym.CreateDb();
        var sent = await read.EmailSends.Where(s => s.ClientId == ana).OrderBy(s => s.SentAt)
            .Select(s => new { s.Step.Workflow.Name, s.Subject, s.SentAt }).ToListAsync();
        Assert.Equal(expected, sent.Select(s => (s.Name, s.Subject, s.SentAt!.Value)));
        // The cap shaped the week: one email a day at most, and the campaign moved off the welcome's day.
        Assert.Equal(sent.Count, sent.Select(s => ContactCalendar.Day(s.SentAt!.Value, gym.Gym.Clock)).Distinct().Count());
        Assert.Contains(forecast.Emails, e => e.CampaignId is not null && e.Moves.HasFlag(SlotMoves.DailyCap));
        Assert.True(sent.Count >= 3);
    }

    [Fact]
    public async Task A_question_not_answered_yet_is_said_and_the_emails_after_it_depend_on_it()
    {
        await using (var db = gym.Gym.CreateDb())
        {
            await DemoWorkflows.AddFlowingWelcomeAsync(db, gym.Gym.Clock.UtcNow, CancellationToken.None);
        }

        var ana = await gym.LeadAsync("Ana");

        var forecast = await gym.Gym.Get<ContactForecast>().ForClientAsync(ana);

        var question = Assert.Single(forecast.Questions);
        Assert.Equal(StepKind.WaitUntil, question.Kind);
        Assert.Null(forecast.Emails[0].DependsOn);
        Assert.All(forecast.Emails.Skip(1), e => Assert.Equal(question, e.DependsOn));
    }
}
