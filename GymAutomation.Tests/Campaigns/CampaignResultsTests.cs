using Bunit;
using GymAutomation.Core.Campaigns;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Campaigns;

public sealed class CampaignResultsTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    private ComponentHost ui = null!;

    public async Task InitializeAsync() => ui = await ComponentHost.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_results_follow_an_open_as_it_happens_in_the_reader_s_language()
    {
        var (campaign, send) = await SentCampaignAsync();
        using var spanish = new CultureScope("es");
        var results = ui.Context.Render<CampaignResults>(p => p.Add(c => c.Campaign, campaign).Add(c => c.Name, "Yoga"));
        results.WaitForAssertion(() => Assert.Equal("0", Figure(results, "opened")), Live);
        Assert.Contains("Abiertos", results.Markup, StringComparison.Ordinal);

        await using (var db = ui.Gym.CreateDb())
        {
            await db.EmailSends.Where(s => s.Id == send.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.OpenedAt, ui.Gym.Clock.UtcNow));
        }

        await Task.Run(() => ui.Gym.Get<LiveFeed>().Publish([new ClientActivity(ui.Gym.Clock.UtcNow, send.ClientId)]));

        results.WaitForAssertion(() => Assert.Equal("1", Figure(results, "opened")), Live);
        Assert.Contains("Abiertos", results.Markup, StringComparison.Ordinal);
        Assert.StartsWith("100", results.Find("[data-testid=campaign-figure-opened-detail]").TextContent.Trim(), StringComparison.Ordinal);
    }

    private static string Figure(IRenderedComponent<CampaignResults> results, string name) =>
        results.Find($"[data-testid=campaign-figure-{name}]").ChildNodes[0].TextContent.Trim();

    private async Task<(Campaign Campaign, EmailSend Send)> SentCampaignAsync()
    {
        var now = ui.Gym.Clock.UtcNow;
        await using var db = ui.Gym.CreateDb();
        var client = new Client { FirstName = "Ana", Email = "ana@example.com", CreatedAt = now, UpdatedAt = now };
        var segment = new Segment { Name = "Everyone", Definition = SegmentDefinition.Empty().ToJson(), CreatedAt = now, UpdatedAt = now };
        var workflow = new EmailWorkflow
        {
            Name = "Yoga", TriggerEvent = WorkflowTriggers.Campaign, Purpose = Core.Calendar.EmailPurpose.Promotional, CreatedAt = now, UpdatedAt = now,
            Steps = [new WorkflowStep { Kind = StepKind.Email, Name = "Yoga", Subject = "Yoga", Body = "<p>Yoga</p>" }],
        };
        db.AddRange(client, segment, workflow);
        await db.SaveChangesAsync();
        var enrolment = new WorkflowEnrolment { WorkflowId = workflow.Id, ClientId = client.Id, Status = EnrolmentStatus.Completed, EnrolledAt = now, EndedAt = now };
        db.WorkflowEnrolments.Add(enrolment);
        await db.SaveChangesAsync();
        var send = new EmailSend
        {
            EnrolmentId = enrolment.Id, StepId = workflow.Steps[0].Id, WorkflowId = workflow.Id, ClientId = client.Id, Status = EmailSendStatus.Sent,
            ClaimedAt = now, SentAt = now, Attempts = 1, ToAddress = client.Email, Subject = "Yoga", HtmlBody = "<p>Yoga</p>", TextBody = "Yoga",
        };
        var campaign = new Campaign
        {
            SegmentId = segment.Id, WorkflowId = workflow.Id, Status = CampaignStatus.Sent, LaunchedAt = now, Recipients = 1, FinishedAt = now,
            CreatedBy = "test", CreatedAt = now, UpdatedAt = now,
        };
        db.AddRange(send, campaign);
        await db.SaveChangesAsync();
        return (campaign, send);
    }
}
