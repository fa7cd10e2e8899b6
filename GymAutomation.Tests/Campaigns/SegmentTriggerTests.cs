using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Campaigns;

public sealed class SegmentTriggerTests : IAsyncLifetime
{
    private CampaignGym gym = default!;

    public async Task InitializeAsync() => gym = await CampaignGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_workflow_on_entering_a_segment_enrols_a_client_once_per_entry()
    {
        var segment = await gym.LeadsSegmentAsync();
        var draft = new WorkflowDraft
        {
            Name = "Bienvenida al segmento",
            TriggerEvent = ClientEventTypes.EnteredSegment,
            TriggerValue = segment.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Reenrolment = ReenrolmentPolicy.AfterCompletion,
            IsActive = true,
            Steps = [new StepDraft { Kind = StepKind.Email, Name = "Hola", Subject = "Hola {{ client.first_name }}", Body = "<p>Hola</p>" }],
        };
        Assert.True((await gym.Gym.Get<WorkflowEditor>().SaveAsync(null, draft)).Succeeded);
        var ana = await gym.LeadAsync("Ana");

        await RefreshAndSendAsync();
        await RefreshAndSendAsync();
        Assert.Single(gym.Smtp.Messages());

        await SetStageAsync(ana, PipelineStage.Member);
        await RefreshAndSendAsync();
        await SetStageAsync(ana, PipelineStage.New);
        gym.Gym.Time.Advance(TimeSpan.FromDays(1));
        await RefreshAndSendAsync();

        Assert.Equal(["Hola Ana", "Hola Ana"], gym.Smtp.Messages().Select(m => m.Subject));
    }

    [Fact]
    public async Task A_segment_trigger_must_name_a_saved_segment()
    {
        var draft = new WorkflowDraft
        {
            Name = "Sin segmento",
            TriggerEvent = ClientEventTypes.EnteredSegment,
            TriggerValue = "999",
            Steps = [new StepDraft { Kind = StepKind.Email, Name = "Hola", Subject = "Hola", Body = "<p>Hola</p>" }],
        };

        var result = await gym.Gym.Get<WorkflowEditor>().SaveAsync(null, draft);

        Assert.Equal([WorkflowValidationText.UnknownSegment], result.Errors[nameof(WorkflowDraft.TriggerValue)]);
    }

    private async Task RefreshAndSendAsync()
    {
        await gym.Gym.Get<RefreshSegmentsJob>().RunAsync("manual", CancellationToken.None);
        await gym.Gym.Get<EventDispatcher>().DrainAsync();
        await gym.Gym.Get<WorkflowEngine>().ProcessAsync();
    }

    private async Task SetStageAsync(int clientId, PipelineStage stage)
    {
        await using var db = gym.Gym.CreateDb();
        await db.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Stage, stage));
    }
}
