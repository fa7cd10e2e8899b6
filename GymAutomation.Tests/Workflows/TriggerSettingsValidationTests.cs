using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Workflows;

public sealed class TriggerSettingsValidationTests : IAsyncLifetime
{
    private TestGym gym = default!;

    private WorkflowEditor Editor => gym.Get<WorkflowEditor>();

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Theory]
    [InlineData(ClientEventTypes.MemberInactiveForDays, null, null, null, "TriggerDays", "This field is required.")]
    [InlineData(ClientEventTypes.MembershipExpiring, 400, null, null, "TriggerDays", "Between 1 and 365 days.")]
    [InlineData(WorkflowTriggers.ScoreReached, null, null, null, "TriggerScore", "This field is required.")]
    [InlineData(WorkflowTriggers.ScoreReached, null, 0, null, "TriggerScore", "A score between 1 and 10000.")]
    [InlineData(ClientEventTypes.StageChanged, null, null, "Gold", "TriggerValue", "Choose one of the pipeline stages.")]
    [InlineData(ClientEventTypes.StageChanged, null, null, null, "TriggerValue", "This field is required.")]
    [InlineData(ClientEventTypes.AlertClosed, null, null, "maybe", "TriggerValue", "Choose saved, lost or one of their outcomes.")]
    public async Task Each_trigger_asks_for_its_own_setting_keyed_by_its_field(string trigger, int? days, int? score, string? value, string field, string message)
    {
        using var english = new CultureScope("en");
        var draft = Draft(trigger);
        draft.TriggerDays = days;
        draft.TriggerScore = score;
        draft.TriggerValue = value;

        var errors = await Editor.ValidateAsync(null, draft);

        Assert.Equal(message, Assert.Single(Assert.Single(errors, e => e.Key == field).Value));
        Assert.Single(errors);
    }

    [Fact]
    public async Task A_goal_needs_its_days_within_a_year_in_spanish_too()
    {
        using var spanish = new CultureScope("es");
        var draft = Draft(ClientEventTypes.LeadCreated);
        draft.Goal = WorkflowGoal.BecomesMember;

        Assert.Equal("Este campo es obligatorio.", Assert.Single((await Editor.ValidateAsync(null, draft))["GoalDays"]));
        draft.GoalDays = 366;
        Assert.Equal("Entre 1 y 365 días.", Assert.Single((await Editor.ValidateAsync(null, draft))["GoalDays"]));
        draft.Goal = (WorkflowGoal)42;
        Assert.Equal("Elige uno de los objetivos.", Assert.Single((await Editor.ValidateAsync(null, draft))["Goal"]));
    }

    [Fact]
    public async Task A_saved_workflow_keeps_only_the_setting_its_trigger_takes_and_its_goal()
    {
        var draft = Draft(ClientEventTypes.StageChanged);
        draft.TriggerValue = "HotLead";
        draft.TriggerDays = 12;
        draft.TriggerScore = 40;
        draft.Goal = WorkflowGoal.FirstVisit;
        draft.GoalDays = 21;

        var saved = await Editor.SaveAsync(null, draft);

        Assert.True(saved.Succeeded);
        var loaded = (await Editor.LoadAsync(saved.Value!.Id))!;
        Assert.Equal(((int?)null, (int?)null, "HotLead", WorkflowGoal.FirstVisit, 21), (loaded.TriggerDays, loaded.TriggerScore, loaded.TriggerValue, loaded.Goal, loaded.GoalDays));
    }

    private static WorkflowDraft Draft(string trigger) => new()
    {
        Name = "Win back",
        TriggerEvent = trigger,
        Steps = [new StepDraft { Name = "Hello", Subject = "Hello {{ client.first_name }}", Body = "<p>Hi</p>" }],
    };
}
