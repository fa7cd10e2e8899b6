using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Scoring;

public sealed class ScoringAutomationTests : IAsyncLifetime
{
    private ScoringGym scoring = default!;

    public async Task InitializeAsync() => scoring = await ScoringGym.StartAsync();

    public async Task DisposeAsync() => await scoring.DisposeAsync();

    [Fact]
    public async Task The_hot_lead_automation_fires_exactly_once_when_the_score_reaches_70()
    {
        var ana = await scoring.CreateLeadAsync("Ana", PipelineStage.Contacted);
        await scoring.VisitAsync(ana, 6);
        Assert.Empty(await scoring.FiringsAsync(ana));
        Assert.Equal(PipelineStage.Contacted, (await scoring.ClientAsync(ana)).Stage);

        await scoring.VisitAsync(ana);
        await scoring.VisitAsync(ana, 3);

        var firing = Assert.Single(await scoring.FiringsAsync(ana));
        Assert.Equal((60, 70, AutomationAction.MoveToStage, FiringOutcome.Applied, "Contacted"),
            (firing.ScoreBefore, firing.ScoreAfter, firing.Action, firing.Outcome, firing.Detail));
        Assert.Equal(PipelineStage.HotLead, (await scoring.ClientAsync(ana)).Stage);
        Assert.Equal(100, await scoring.ScoreOfAsync(ana));
        var fired = Assert.Single(scoring.Published.OfType<AutomationFired>());
        Assert.Equal((ana, PipelineStage.HotLead), (fired.ClientId, fired.Stage));
        Assert.Equal(PipelineStage.HotLead, scoring.Published.OfType<ScoreChanged>().Single(c => c.NewScore == 70).Stage);
    }

    [Fact]
    public async Task It_fires_again_only_after_the_score_drops_below_the_threshold_and_climbs_back()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        await scoring.AddRuleAsync("Cancelled a class", ClientEventTypes.ClassCancelled, -20);
        await scoring.VisitAsync(ana, 7);
        await scoring.RecordAsync(ana, ClientEventTypes.ClassCancelled);
        Assert.Equal(50, await scoring.ScoreOfAsync(ana));
        Assert.Single(await scoring.FiringsAsync(ana));

        await scoring.VisitAsync(ana, 2);

        Assert.Equal([(60, 70), (60, 70)], (await scoring.FiringsAsync(ana)).Select(f => (f.ScoreBefore, f.ScoreAfter)));
    }

    [Fact]
    public async Task One_event_that_jumps_past_the_threshold_fires_it_once()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        await scoring.VisitAsync(ana, 5);

        await scoring.RecordAsync(ana, ClientEventTypes.PurchaseMade);

        Assert.Equal([(50, 75)], (await scoring.FiringsAsync(ana)).Select(f => (f.ScoreBefore, f.ScoreAfter)));
    }

    [Fact]
    public async Task Moving_to_a_stage_never_sends_a_lead_back_and_the_skip_is_logged()
    {
        var ana = await scoring.CreateLeadAsync("Ana", PipelineStage.Trial);

        await scoring.VisitAsync(ana, 7);

        var firing = Assert.Single(await scoring.FiringsAsync(ana));
        Assert.Equal((FiringOutcome.Skipped, "Trial"), (firing.Outcome, firing.Detail));
        Assert.Equal(PipelineStage.Trial, (await scoring.ClientAsync(ana)).Stage);
    }

    [Fact]
    public async Task Assign_and_notify_automations_assign_the_lead_and_leave_a_notification_for_the_staff_member()
    {
        var staff = await CreateStaffAsync("carla@test.gym", "Carla");
        var automations = scoring.Gym.Get<ScoringAutomations>();
        Assert.True((await automations.SaveAsync(null, new ScoringAutomationInput { Name = "Assign at 20", Threshold = 20, Action = AutomationAction.AssignToStaff, StaffUserId = staff })).Succeeded);
        Assert.True((await automations.SaveAsync(null, new ScoringAutomationInput { Name = "Tell the owner at 30", Threshold = 30, Action = AutomationAction.NotifyStaff })).Succeeded);
        var ana = await scoring.CreateLeadAsync("Ana");

        await scoring.VisitAsync(ana, 3);

        Assert.Equal(staff, (await scoring.ClientAsync(ana)).AssignedStaffId);
        Assert.Equal(
            [(AutomationAction.AssignToStaff, FiringOutcome.Applied, "Carla"), (AutomationAction.NotifyStaff, FiringOutcome.Applied, "Carla")],
            (await scoring.FiringsAsync(ana)).Select(f => (f.Action, f.Outcome, f.Detail)));
        await using var db = scoring.Gym.CreateDb();
        var note = await db.StaffNotifications.SingleAsync();
        Assert.Equal((staff, ana, 30, (DateTime?)null), (note.StaffUserId, note.ClientId, note.Score, note.ReadAt));
        Assert.Equal((staff, ana, 30), scoring.Published.OfType<StaffNotified>().Select(n => (n.StaffUserId, n.ClientId, n.Score)).Single());
    }

    [Fact]
    public async Task Automations_are_validated_and_starting_a_workflow_needs_an_active_one()
    {
        var automations = scoring.Gym.Get<ScoringAutomations>();
        var paused = await AddWorkflowAsync("Paused", active: false);
        var welcome = await AddWorkflowAsync("Bienvenida");
        Assert.Equal([new WorkflowChoice(welcome, "Bienvenida")], await automations.WorkflowChoicesAsync());

        var workflow = await automations.SaveAsync(null, new ScoringAutomationInput { Name = "Nurture", Threshold = 40, Action = AutomationAction.StartWorkflow });
        var unknown = await automations.SaveAsync(null, new ScoringAutomationInput { Name = "Nurture", Threshold = 40, Action = AutomationAction.StartWorkflow, WorkflowId = paused + 100 });
        var inactive = await automations.SaveAsync(null, new ScoringAutomationInput { Name = "Nurture", Threshold = 40, Action = AutomationAction.StartWorkflow, WorkflowId = paused });
        var noStage = await automations.SaveAsync(null, new ScoringAutomationInput { Name = "Move", Threshold = 40, TargetStage = PipelineStage.Member });
        var noStaff = await automations.SaveAsync(null, new ScoringAutomationInput { Name = "Assign", Threshold = 0, Action = AutomationAction.AssignToStaff });
        var taken = await automations.SaveAsync(null, new ScoringAutomationInput { Name = "hot lead at 70", Threshold = 70 });

        Assert.Equal([ScoringValidationText.WorkflowRequired], workflow.Errors[nameof(ScoringAutomationInput.WorkflowId)]);
        Assert.Equal([ScoringValidationText.WorkflowNotFound], unknown.Errors[nameof(ScoringAutomationInput.WorkflowId)]);
        Assert.Equal([ScoringValidationText.WorkflowPaused], inactive.Errors[nameof(ScoringAutomationInput.WorkflowId)]);
        Assert.Equal([ScoringValidationText.StageRequired], noStage.Errors[nameof(ScoringAutomationInput.TargetStage)]);
        Assert.Equal([ScoringValidationText.StaffRequired], noStaff.Errors[nameof(ScoringAutomationInput.StaffUserId)]);
        Assert.Equal([ScoringValidationText.ThresholdRange], noStaff.Errors[nameof(ScoringAutomationInput.Threshold)]);
        Assert.Equal([ScoringValidationText.AutomationNameInUse], taken.Errors[nameof(ScoringAutomationInput.Name)]);
        Assert.Single(await automations.ListAsync());
    }

    [Fact]
    public async Task Starting_a_workflow_enrols_the_lead_once_when_the_score_reaches_the_threshold()
    {
        var welcome = await AddWorkflowAsync("Bienvenida");
        var automations = scoring.Gym.Get<ScoringAutomations>();
        var saved = await automations.SaveAsync(null, new ScoringAutomationInput { Name = "Nurture at 20", Threshold = 20, Action = AutomationAction.StartWorkflow, WorkflowId = welcome });
        Assert.True(saved.Succeeded);
        Assert.Equal("Bienvenida", (await automations.ListAsync()).Single(a => a.Id == saved.Value!.Id).Workflow?.Name);
        var ana = await CreateLeadWithEmailAsync("Ana");

        await scoring.VisitAsync(ana);
        Assert.Empty(await EnrolmentsAsync(ana));
        await scoring.VisitAsync(ana, 4);

        var enrolment = Assert.Single(await EnrolmentsAsync(ana));
        Assert.Equal((welcome, EnrolmentStatus.Active), (enrolment.WorkflowId, enrolment.Status));
        var firing = Assert.Single(await scoring.FiringsAsync(ana), f => f.Action == AutomationAction.StartWorkflow);
        Assert.Equal((10, 20, FiringOutcome.Applied, "Bienvenida"), (firing.ScoreBefore, firing.ScoreAfter, firing.Outcome, firing.Detail));
    }

    [Fact]
    public async Task Starting_a_workflow_skips_a_lead_who_opted_out_and_logs_the_skip()
    {
        var welcome = await AddWorkflowAsync("Bienvenida");
        Assert.True((await scoring.Gym.Get<ScoringAutomations>().SaveAsync(
            null, new ScoringAutomationInput { Name = "Nurture at 20", Threshold = 20, Action = AutomationAction.StartWorkflow, WorkflowId = welcome })).Succeeded);
        var eva = await CreateLeadWithEmailAsync("Eva", optedOut: true);

        await scoring.VisitAsync(eva, 2);

        Assert.Empty(await EnrolmentsAsync(eva));
        var firing = Assert.Single(await scoring.FiringsAsync(eva), f => f.Action == AutomationAction.StartWorkflow);
        Assert.Equal((FiringOutcome.Skipped, "Bienvenida"), (firing.Outcome, firing.Detail));
    }

    [Fact]
    public async Task A_deactivated_automation_does_not_fire()
    {
        var automations = scoring.Gym.Get<ScoringAutomations>();
        await automations.SetActiveAsync((await automations.ListAsync()).Single().Id, false);
        var ana = await scoring.CreateLeadAsync("Ana");

        await scoring.VisitAsync(ana, 7);

        Assert.Empty(await scoring.FiringsAsync(ana));
        Assert.Equal(PipelineStage.New, (await scoring.ClientAsync(ana)).Stage);
    }

    private async Task<string> CreateStaffAsync(string email, string name)
    {
        await using var scope = scoring.Gym.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(new StaffInput { Email = email, DisplayName = name, Password = "Test.Staff.2026", Roles = [Roles.Staff] });
        Assert.True(result.Succeeded);
        return result.Value!.Id;
    }

    private async Task<int> AddWorkflowAsync(string name, bool active = true)
    {
        await using var db = scoring.Gym.CreateDb();
        var workflow = new EmailWorkflow
        {
            Name = name,
            TriggerEvent = ClientEventTypes.ClassBooked,
            IsActive = active,
            CreatedAt = scoring.Gym.Clock.UtcNow,
            UpdatedAt = scoring.Gym.Clock.UtcNow,
            Steps = [new WorkflowStep { Position = 0, Name = "Hola", Subject = "Hola", Body = "<p>Hola</p>" }],
        };
        db.EmailWorkflows.Add(workflow);
        await db.SaveChangesAsync();
        return workflow.Id;
    }

    private async Task<int> CreateLeadWithEmailAsync(string name, bool optedOut = false)
    {
        var id = await scoring.CreateLeadAsync(name);
        await using var db = scoring.Gym.CreateDb();
        await db.Clients.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Email, $"{name.ToLowerInvariant()}@example.com")
            .SetProperty(c => c.EmailOptOut, optedOut));
        return id;
    }

    private async Task<List<WorkflowEnrolment>> EnrolmentsAsync(int clientId)
    {
        await using var db = scoring.Gym.CreateDb();
        return await db.WorkflowEnrolments.Where(e => e.ClientId == clientId).ToListAsync();
    }
}
