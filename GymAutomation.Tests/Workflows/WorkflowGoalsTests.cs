using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

public sealed class WorkflowGoalsTests : IAsyncLifetime
{
    private TriggerGym gym = default!;

    public async Task InitializeAsync() => gym = await TriggerGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_client_who_reaches_the_goal_within_its_days_leaves_the_workflow_and_one_after_them_stays()
    {
        var nurture = await gym.AddWorkflowAsync(ClientEventTypes.LeadCreated, goal: WorkflowGoal.BecomesMember, goalDays: 14);
        var ana = await gym.CreateLeadAsync("Ana");
        var luis = await gym.CreateLeadAsync("Luis");

        gym.AdvanceDays(3);
        await gym.AddMembershipAsync(ana, gym.Today, null);
        gym.AdvanceDays(12);
        await gym.AddMembershipAsync(luis, gym.Today, null);

        var enrolments = await gym.EnrolmentsAsync(nurture.Id);
        var converted = enrolments.Single(e => e.ClientId == ana);
        Assert.Equal((EnrolmentStatus.Exited, EnrolmentEnding.GoalReached), (converted.Status, converted.Ending));
        Assert.Equal(converted.EnrolledAt.AddDays(3), converted.GoalReachedAt!.Value, TimeSpan.FromMinutes(5));
        Assert.Null(converted.NextStepId);
        var late = enrolments.Single(e => e.ClientId == luis);
        Assert.Equal((EnrolmentStatus.Active, (DateTime?)null), (late.Status, late.GoalReachedAt));
    }

    [Fact]
    public async Task A_completed_enrolment_still_counts_the_goal_within_its_days_and_stays_completed()
    {
        var nurture = await gym.AddWorkflowAsync(ClientEventTypes.LeadCreated, goal: WorkflowGoal.BooksClass, goalDays: 10);
        var ana = await gym.CreateLeadAsync("Ana");
        await using (var db = gym.Gym.CreateDb())
        {
            await db.WorkflowEnrolments.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EnrolmentStatus.Completed).SetProperty(e => e.NextStepId, (int?)null));
        }

        gym.AdvanceDays(5);
        await gym.RecordAsync(ana, ClientEventTypes.ClassBooked);

        var enrolment = Assert.Single(await gym.EnrolmentsAsync(nurture.Id));
        Assert.Equal(EnrolmentStatus.Completed, enrolment.Status);
        Assert.NotNull(enrolment.GoalReachedAt);
    }

    [Fact]
    public async Task The_event_that_enrols_never_reaches_the_goal_itself()
    {
        var welcome = await gym.AddWorkflowAsync(ClientEventTypes.MembershipCreated, goal: WorkflowGoal.BecomesMember, goalDays: 30);
        var marta = await gym.CreateMemberAsync("Marta");

        var enrolment = Assert.Single(await gym.EnrolmentsAsync(welcome.Id));
        Assert.Equal((marta, EnrolmentStatus.Active, (DateTime?)null), (enrolment.ClientId, enrolment.Status, enrolment.GoalReachedAt));
    }

    [Fact]
    public async Task Renewing_is_a_membership_created_for_a_client_who_had_one_and_coming_back_is_a_visit_after_enrolling()
    {
        var renew = await gym.AddWorkflowAsync(ClientEventTypes.MembershipExpiring, days: 7, goal: WorkflowGoal.Renews, goalDays: 30);
        var winBack = await gym.AddWorkflowAsync(ClientEventTypes.MemberInactiveForDays, days: 30, goal: WorkflowGoal.ComesBack, goalDays: 30);
        var firstTime = await gym.AddWorkflowAsync(ClientEventTypes.LeadCreated, goal: WorkflowGoal.Renews, goalDays: 30);
        var marta = await gym.CreateMemberAsync("Marta", endsInDays: 7);
        var luis = await gym.CreateLeadAsync("Luis");

        await gym.RecordAsync(marta, ClientEventTypes.MembershipExpiring, new { days = 7 });
        await gym.RecordAsync(marta, ClientEventTypes.MemberInactiveForDays, new { days = 30 });
        await gym.AddMembershipAsync(marta, gym.Today.AddDays(8), null);
        await gym.AddMembershipAsync(luis, gym.Today, null);
        Assert.Equal(EnrolmentStatus.Active, Assert.Single(await gym.EnrolmentsAsync(winBack.Id)).Status);
        await gym.VisitAsync(marta);

        Assert.NotNull(Assert.Single(await gym.EnrolmentsAsync(renew.Id)).GoalReachedAt);
        Assert.NotNull(Assert.Single(await gym.EnrolmentsAsync(winBack.Id)).GoalReachedAt);
        Assert.Null(Assert.Single(await gym.EnrolmentsAsync(firstTime.Id), e => e.ClientId == luis).GoalReachedAt);
    }
}
