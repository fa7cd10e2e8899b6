using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

public sealed class EnrolmentTests : IAsyncLifetime
{
    private TestGym gym = default!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    private Enrolments Enrolments => gym.Get<Enrolments>();

    [Fact]
    public async Task A_new_lead_is_enrolled_in_every_active_workflow_of_its_trigger_at_the_first_step_a_wait_due_once_it_is_over()
    {
        var welcome = await AddWorkflowAsync(ClientEventTypes.LeadCreated, firstWaitDays: 1);
        var paused = await AddWorkflowAsync(ClientEventTypes.LeadCreated, active: false);
        await AddWorkflowAsync(ClientEventTypes.MembershipCreated);

        var ana = await CreateLeadAsync("Ana");

        var enrolment = Assert.Single(await EnrolmentsAsync(ana));
        Assert.Equal(welcome.Id, enrolment.WorkflowId);
        Assert.Equal(EnrolmentStatus.Active, enrolment.Status);
        Assert.Equal(welcome.Steps.Single(s => s.Position == 0).Id, enrolment.NextStepId);
        Assert.Equal(StepKind.Wait, welcome.Steps.Single(s => s.Position == 0).Kind);
        Assert.Equal(gym.Clock.UtcNow.AddDays(1), enrolment.NextDueAt);
        Assert.NotNull(enrolment.TriggerEventId);
        Assert.DoesNotContain(await EnrolmentsAsync(ana), e => e.WorkflowId == paused.Id);
    }

    [Theory]
    [InlineData(ReenrolmentPolicy.Never, false, false)]
    [InlineData(ReenrolmentPolicy.AfterCompletion, false, true)]
    [InlineData(ReenrolmentPolicy.Always, true, true)]
    public async Task The_reenrolment_policy_decides_a_second_trigger(ReenrolmentPolicy policy, bool whileActive, bool afterEnded)
    {
        var workflow = await AddWorkflowAsync(ClientEventTypes.TrialStarted, policy: policy);
        var ana = await CreateLeadAsync("Ana");

        await RecordAsync(ana, ClientEventTypes.TrialStarted);
        await RecordAsync(ana, ClientEventTypes.TrialStarted);
        Assert.Equal(whileActive ? 2 : 1, (await EnrolmentsAsync(ana)).Count(e => e.WorkflowId == workflow.Id));
        Assert.Single(await EnrolmentsAsync(ana), e => e.WorkflowId == workflow.Id && e.Status == EnrolmentStatus.Active);

        await using (var db = gym.CreateDb())
        {
            await db.WorkflowEnrolments.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EnrolmentStatus.Completed).SetProperty(e => e.NextStepId, (int?)null));
        }

        var before = (await EnrolmentsAsync(ana)).Count;
        await RecordAsync(ana, ClientEventTypes.TrialStarted);
        Assert.Equal(afterEnded ? before + 1 : before, (await EnrolmentsAsync(ana)).Count);
    }

    [Fact]
    public async Task Becoming_a_member_or_the_exit_event_ends_the_enrolment()
    {
        var nurture = await AddWorkflowAsync(ClientEventTypes.LeadCreated, exitWhenMember: true);
        var booking = await AddWorkflowAsync(ClientEventTypes.LeadCreated, exitOnEvent: ClientEventTypes.ClassBooked);
        var ana = await CreateLeadAsync("Ana");

        await RecordAsync(ana, ClientEventTypes.ClassBooked);
        var afterBooking = await EnrolmentsAsync(ana);
        Assert.Equal(EnrolmentStatus.Exited, afterBooking.Single(e => e.WorkflowId == booking.Id).Status);
        Assert.Equal(EnrolmentStatus.Active, afterBooking.Single(e => e.WorkflowId == nurture.Id).Status);

        await RecordAsync(ana, ClientEventTypes.MembershipCreated);
        var ended = (await EnrolmentsAsync(ana)).Single(e => e.WorkflowId == nurture.Id);
        Assert.Equal(EnrolmentStatus.Exited, ended.Status);
        Assert.Null(ended.NextStepId);
        Assert.Equal((EnrolmentEnding.ExitEvent, "MEMBERSHIP_CREATED"), (ended.Ending, ended.EndReason));
    }

    [Fact]
    public async Task An_inactivity_workflow_enrols_on_its_own_number_of_days_only()
    {
        var month = await AddWorkflowAsync(ClientEventTypes.InactiveForDays, inactiveDays: 30);
        var ana = await CreateLeadAsync("Ana");

        await RecordAsync(ana, ClientEventTypes.InactiveForDays, new { days = 14 });
        Assert.Empty(await EnrolmentsAsync(ana));

        await RecordAsync(ana, ClientEventTypes.InactiveForDays, new { days = 30 });
        Assert.Equal(month.Id, Assert.Single(await EnrolmentsAsync(ana)).WorkflowId);
    }

    [Fact]
    public async Task A_trigger_and_a_start_by_hand_follow_the_same_rules()
    {
        var workflow = await AddWorkflowAsync(ClientEventTypes.ClassBooked);
        var ana = await CreateLeadAsync("Ana");
        var luis = await CreateLeadAsync("Luis");
        var eva = await CreateLeadAsync("Eva");
        await using (var db = gym.CreateDb())
        {
            await db.Clients.Where(c => c.Id == ana).ExecuteUpdateAsync(s => s.SetProperty(c => c.EmailOptOut, true));
            await db.Clients.Where(c => c.Id == luis).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, (string?)null).SetProperty(c => c.Phone, "600111222"));
        }

        await RecordAsync(ana, ClientEventTypes.ClassBooked);
        await RecordAsync(luis, ClientEventTypes.ClassBooked);
        await RecordAsync(eva, ClientEventTypes.ClassBooked);

        Assert.Empty(await EnrolmentsAsync(ana));
        Assert.Empty(await EnrolmentsAsync(luis));
        Assert.Equal(workflow.Id, Assert.Single(await EnrolmentsAsync(eva)).WorkflowId);
        Assert.Equal(WorkflowStartText.OptedOut, Refusal(await Enrolments.StartAsync(workflow.Id, ana)));
        Assert.Equal(WorkflowStartText.NoEmail, Refusal(await Enrolments.StartAsync(workflow.Id, luis)));
        Assert.Equal(WorkflowStartText.AlreadyEnrolled, Refusal(await Enrolments.StartAsync(workflow.Id, eva)));
    }

    [Fact]
    public async Task The_demo_gym_runs_the_welcome_as_a_flow_with_a_goal_and_an_ab_test_and_the_new_members_sequence_on_its_original_days()
    {
        await gym.Get<GymAutomation.Core.Demo.DemoGym>().ApplyAsync();
        await gym.Get<GymAutomation.Core.Demo.DemoGym>().ApplyAsync();

        await using var db = gym.CreateDb();
        var workflows = await db.EmailWorkflows.Sequences().Include(w => w.Steps).OrderBy(w => w.Name).ToListAsync();
        Assert.Equal([DemoWorkflows.Welcome, DemoWorkflows.NewMembership], workflows.Select(w => w.Name));
        var welcome = workflows[0];
        Assert.Equal((WorkflowGoal.BecomesMember, DemoWorkflows.WelcomeGoalDays), (welcome.Goal, welcome.GoalDays));
        var flow = new WorkflowFlow(welcome.Steps);
        Assert.Equal([StepKind.Email, StepKind.WaitUntil, StepKind.Wait, StepKind.IfElse], flow.Path(null, StepBranch.Main).Select(s => s.Kind));
        var (first, opened, hot) = (flow.First!, flow.Path(null, StepBranch.Main).ElementAt(1), flow.Path(null, StepBranch.Main).ElementAt(3));
        Assert.Equal(("Bienvenida", true), (first.Name, first.VariantSubject is not null));
        Assert.Equal((ClientEventTypes.EmailOpened, 2), (opened.EventType, opened.WaitDays));
        Assert.Equal(["Conoce instalaciones"], flow.Path(opened.Id, StepBranch.Yes).Select(s => s.Name));
        Assert.Equal(["Recordatorio bienvenida"], flow.Path(opened.Id, StepBranch.No).Select(s => s.Name));
        Assert.Equal((StepCondition.ScoreAtLeast, DemoWorkflows.HotLeadScore), (hot.Condition, hot.ConditionNumber));
        Assert.Equal([StepKind.NotifyStaff], flow.Path(hot.Id, StepBranch.Yes).Select(s => s.Kind));
        Assert.Equal(["Oferta especial 20%"], flow.Path(hot.Id, StepBranch.No).Select(s => s.Name));
        Assert.Equal([0, 7], DaysOf(workflows[1]));
        Assert.All(workflows, w => Assert.True(w.IsActive));
    }

    private static string Refusal(GymAutomation.Core.Common.SaveResult<WorkflowEnrolment> result) => Assert.Single(Assert.Single(result.Errors).Value);

    /// <summary>The day each email goes out: the waits before it added up.</summary>
    private static IEnumerable<int> DaysOf(EmailWorkflow workflow)
    {
        var day = 0;
        foreach (var step in workflow.Steps.OrderBy(s => s.Position))
        {
            day += step.WaitDays;
            if (step.Kind == StepKind.Email)
            {
                yield return day;
            }
        }
    }

    private async Task<EmailWorkflow> AddWorkflowAsync(
        string trigger, bool active = true, int firstWaitDays = 0, ReenrolmentPolicy policy = ReenrolmentPolicy.Never,
        bool exitWhenMember = false, string? exitOnEvent = null, int? inactiveDays = null)
    {
        await using var db = gym.CreateDb();
        var workflow = new EmailWorkflow
        {
            Name = $"Workflow {Guid.NewGuid():N}",
            TriggerEvent = trigger,
            TriggerDays = inactiveDays,
            IsActive = active,
            Reenrolment = policy,
            ExitWhenMember = exitWhenMember,
            ExitOnEvent = exitOnEvent,
            CreatedAt = gym.Clock.UtcNow,
            UpdatedAt = gym.Clock.UtcNow,
            Steps =
            [
                new WorkflowStep { Position = 0, Kind = StepKind.Wait, WaitDays = firstWaitDays, Name = "", Subject = "", Body = "" },
                new WorkflowStep { Position = 1, Name = "Hello", Subject = "Hello", Body = "<p>Hi</p>" },
                new WorkflowStep { Position = 2, Kind = StepKind.Wait, WaitDays = 2, Name = "", Subject = "", Body = "" },
                new WorkflowStep { Position = 3, Name = "Again", Subject = "Again", Body = "<p>Hi again</p>" },
            ],
        };
        db.EmailWorkflows.Add(workflow);
        await db.SaveChangesAsync();
        return workflow;
    }

    private async Task<int> CreateLeadAsync(string name)
    {
        var id = (await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com" })).Value!.Id;
        await gym.Get<EventDispatcher>().DrainAsync();
        return id;
    }

    private async Task RecordAsync(int clientId, string type, object? data = null)
    {
        await using (var db = gym.CreateDb())
        {
            gym.Get<EventOutbox>().Add(db, type, clientId, data: data);
            await db.SaveChangesAsync();
        }

        await gym.Get<EventDispatcher>().DrainAsync();
    }

    private async Task<List<WorkflowEnrolment>> EnrolmentsAsync(int clientId)
    {
        await using var db = gym.CreateDb();
        return await db.WorkflowEnrolments.Where(e => e.ClientId == clientId).OrderBy(e => e.Id).ToListAsync();
    }
}
