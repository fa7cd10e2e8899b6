using GymAutomation.Core.Calendar;
using GymAutomation.Core.Campaigns;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Campaigns;

public sealed class CampaignsTests : IAsyncLifetime
{
    private CampaignGym gym = default!;

    public async Task InitializeAsync() => gym = await CampaignGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    private Core.Campaigns.Campaigns Campaigns => gym.Gym.Get<Core.Campaigns.Campaigns>();

    [Fact]
    public async Task A_campaign_sent_now_reaches_each_member_of_its_segment_who_can_receive_email_once_through_a_real_SMTP_server()
    {
        await gym.LeadAsync("Ana");
        await gym.LeadAsync("Bea");
        await gym.LeadAsync("Carla", optedOut: true);
        var segment = await gym.LeadsSegmentAsync();

        var audience = await Campaigns.AudienceAsync(segment, null);
        Assert.Equal(2, audience.Recipients);
        Assert.Equal(0, audience.Delayed);

        var id = await gym.ScheduleAsync(CampaignGym.Draft("Cierre del 25", segment));
        await gym.Gym.Get<SendCampaignsJob>().RunAsync("manual", CancellationToken.None);
        await gym.Gym.Get<SendCampaignsJob>().RunAsync("manual", CancellationToken.None);

        var messages = gym.Smtp.Messages();
        Assert.Equal(["ana@example.com", "bea@example.com"], messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Contains(messages, m => m.Subject == "Ana, cerramos el día 25");
        var campaign = (await Campaigns.LoadAsync(id))!.Campaign;
        Assert.Equal(CampaignStatus.Sent, campaign.Status);
        Assert.Equal(2, campaign.Recipients);
        var figures = Assert.Single(await Campaigns.ListAsync()).Figures!;
        Assert.Equal(2, figures.Sent);
        await using var db = gym.Gym.CreateDb();
        Assert.All(await db.EmailSends.Where(s => s.WorkflowId == campaign.WorkflowId).ToListAsync(), s => Assert.Equal(EmailSendStatus.Sent, s.Status));
    }

    [Fact]
    public async Task Two_launchers_at_once_enrol_the_segment_once()
    {
        await gym.LeadAsync("Ana");
        await gym.LeadAsync("Bea");
        var id = await gym.ScheduleAsync(CampaignGym.Draft("Clase de yoga", await gym.LeadsSegmentAsync()));

        var launched = await Task.WhenAll(gym.Gym.Get<CampaignLauncher>().LaunchDueAsync(), gym.Gym.Get<CampaignLauncher>().LaunchDueAsync());

        Assert.Equal(1, launched.Sum());
        await using var db = gym.Gym.CreateDb();
        var workflowId = await db.Campaigns.Where(c => c.Id == id).Select(c => c.WorkflowId).SingleAsync();
        Assert.Equal(2, await db.WorkflowEnrolments.CountAsync(e => e.WorkflowId == workflowId));
    }

    [Fact]
    public async Task A_scheduled_campaign_waits_for_its_time_and_can_be_taken_back_to_a_draft_before_it()
    {
        await gym.LeadAsync("Ana");
        var segment = await gym.LeadsSegmentAsync();
        var id = await gym.ScheduleAsync(CampaignGym.Draft("Trae a un amigo", segment, gym.Gym.Clock.UtcNow.AddDays(1)));

        Assert.Equal(0, await gym.Gym.Get<CampaignLauncher>().LaunchDueAsync());
        Assert.True((await Campaigns.CancelAsync(id)).Succeeded);
        Assert.Equal(CampaignStatus.Draft, (await Campaigns.LoadAsync(id))!.Campaign.Status);

        await gym.ScheduleAsync(CampaignGym.Draft("Trae a un amigo 2", segment, gym.Gym.Clock.UtcNow.AddHours(1)));
        gym.Gym.Time.Advance(TimeSpan.FromHours(1));
        await gym.Gym.Get<SendCampaignsJob>().RunAsync("manual", CancellationToken.None);
        Assert.Equal(["Ana, cerramos el día 25"], gym.Smtp.Messages().Select(m => m.Subject));
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var draft = CampaignGym.Draft("", 999, gym.Gym.Clock.UtcNow.AddHours(-2));
        draft.Email.Subject = "";

        var result = await Campaigns.SaveAsync(null, draft, "tests");

        Assert.False(result.Succeeded);
        Assert.Contains(nameof(CampaignDraft.Name), result.Errors.Keys);
        Assert.Contains(nameof(CampaignDraft.SegmentId), result.Errors.Keys);
        Assert.Contains(nameof(CampaignDraft.SendAt), result.Errors.Keys);
        Assert.Contains("Email.Subject", result.Errors.Keys);
        await using var db = gym.Gym.CreateDb();
        Assert.Empty(await db.Campaigns.ToListAsync());
        Assert.Empty(await db.EmailWorkflows.ToListAsync());
    }

    [Fact]
    public async Task A_client_at_the_daily_cap_gets_the_campaign_the_next_day_and_the_send_log_says_why()
    {
        var ana = await gym.LeadAsync("Ana");
        await gym.LeadAsync("Bea");
        var segment = await gym.LeadsSegmentAsync();
        await gym.ScheduleAsync(CampaignGym.Draft("Primera", segment));
        await gym.Gym.Get<SendCampaignsJob>().RunAsync("manual", CancellationToken.None);
        Assert.Equal(2, gym.Smtp.Messages().Count);

        var second = CampaignGym.Draft("Segunda", segment);
        second.Email.Subject = "Segunda, {{ client.first_name }}";
        Assert.Equal(2, (await Campaigns.AudienceAsync(segment, null)).Delayed);
        await gym.ScheduleAsync(second);
        await gym.Gym.Get<SendCampaignsJob>().RunAsync("manual", CancellationToken.None);
        Assert.Equal(2, gym.Smtp.Messages().Count);

        gym.Gym.Time.Advance(TimeSpan.FromDays(1));
        await gym.Gym.Get<ProcessEmailWorkflowsJob>().RunAsync("manual", CancellationToken.None);
        Assert.Equal(4, gym.Smtp.Messages().Count);
        await using var db = gym.Gym.CreateDb();
        var moved = await db.EmailSends.SingleAsync(s => s.ClientId == ana && s.Subject == "Segunda, Ana");
        Assert.Equal(SlotMoves.DailyCap, moved.MovedBecause);
    }

    [Fact]
    public async Task A_segment_a_campaign_went_to_is_kept_and_its_deletion_refused_with_the_reason()
    {
        await gym.LeadAsync("Ana");
        var segment = await gym.LeadsSegmentAsync();
        await gym.ScheduleAsync(CampaignGym.Draft("Cierre del 25", segment));

        var deleted = await gym.Gym.Get<SavedSegments>().DeleteAsync(segment);

        Assert.Equal([SegmentValidationText.InUse], deleted.Errors[""]);
        Assert.NotNull(await gym.Gym.Get<SavedSegments>().GetAsync(segment));
    }
}
