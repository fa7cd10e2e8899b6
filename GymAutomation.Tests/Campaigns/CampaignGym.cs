using GymAutomation.Core.Campaigns;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Campaigns;

/// <summary>A test gym with a real SMTP server, its leads, a segment of them and campaigns to it, and the sending jobs run as the scheduler would run them.</summary>
internal sealed class CampaignGym(TestGym gym, SmtpTestServer smtp) : IAsyncDisposable
{
    public TestGym Gym { get; } = gym;

    public SmtpTestServer Smtp { get; } = smtp;

    public static async Task<CampaignGym> StartAsync(params (string Key, string Value)[] settings)
    {
        var smtp = await SmtpTestServer.StartAsync();
        var gym = await TestGym.StartAsync(smtp.Settings([("Gym:PublicUrl", "https://gym.example.com"), .. settings]));
        return new CampaignGym(gym, smtp);
    }

    public async Task<int> LeadAsync(string name, bool optedOut = false)
    {
        var id = (await Gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com" })).Value!.Id;
        if (optedOut)
        {
            await using var db = Gym.CreateDb();
            var client = await db.Clients.FindAsync(id);
            client!.EmailOptOut = true;
            await db.SaveChangesAsync();
        }

        await Gym.Get<EventDispatcher>().DrainAsync();
        return id;
    }

    public async Task<int> LeadsSegmentAsync()
    {
        var input = new SegmentInput { Name = "Leads" };
        input.Definition.Groups[0].Conditions.Add(new SegmentCondition { Kind = ConditionKind.Stage, Value = nameof(PipelineStage.New) });
        return (await Gym.Get<SavedSegments>().SaveAsync(null, input, "tests")).Value!.Id;
    }

    public static CampaignDraft Draft(string name, int segmentId, DateTime? sendAt = null)
    {
        var draft = new CampaignDraft { Name = name, SegmentId = segmentId, SendAt = sendAt, Goal = WorkflowGoal.BooksClass, GoalDays = 7 };
        draft.Email.Design = null;
        draft.Email.Subject = "{{ client.first_name }}, cerramos el día 25";
        draft.Email.Body = "<p>Hola {{ client.first_name }}: el día 25 el gimnasio estará cerrado.</p>";
        return draft;
    }

    public async Task<int> ScheduleAsync(CampaignDraft draft)
    {
        var campaigns = Gym.Get<Core.Campaigns.Campaigns>();
        var saved = await campaigns.SaveAsync(null, draft, "marketing@demo.gym");
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.SelectMany(e => e.Value)));
        Assert.True((await campaigns.ScheduleAsync(saved.Value!.Id)).Succeeded);
        return saved.Value!.Id;
    }

    /// <summary>The sending jobs' runs, as the scheduler starts them, from now until <paramref name="until"/>, the clock moved to each.</summary>
    public async Task RunJobsUntilAsync(DateTime until)
    {
        var catalog = Gym.Get<JobCatalog>();
        var jobs = new[] { ProcessEmailWorkflowsJob.JobName, SendCampaignsJob.JobName }.Select(name => catalog.Find(name)!).ToList();
        while (true)
        {
            var now = Gym.Clock.UtcNow;
            var (job, at) = jobs.Select(j => (Job: j, At: j.NextRunUtc(now, Gym.Clock.TimeZone)!.Value)).MinBy(j => j.At);
            if (at > until)
            {
                return;
            }

            Gym.Time.Advance(at - now);
            await Gym.Get<EventDispatcher>().DrainAsync();
            await (job.Name == SendCampaignsJob.JobName
                ? Gym.Get<SendCampaignsJob>().RunAsync(JobRunner.ScheduleTrigger, CancellationToken.None)
                : Gym.Get<ProcessEmailWorkflowsJob>().RunAsync(JobRunner.ScheduleTrigger, CancellationToken.None));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gym.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
