using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

public sealed class MemberTriggersTests : IAsyncLifetime
{
    private TriggerGym gym = default!;

    public async Task InitializeAsync() => gym = await TriggerGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public void Check_members_is_scheduled_daily_after_check_inactive_leads()
    {
        Assert.Equal("15 10 * * *", gym.Gym.Get<JobCatalog>().Find(CheckMembersJob.JobName)!.Cron);
    }

    [Fact]
    public async Task Days_without_a_visit_enrol_members_only_once_per_absence()
    {
        var winBack = await gym.AddWorkflowAsync(ClientEventTypes.MemberInactiveForDays, days: 30, policy: ReenrolmentPolicy.AfterCompletion);
        await gym.AddWorkflowAsync(ClientEventTypes.MemberInactiveForDays, days: 45);
        var member = await gym.CreateMemberAsync("Marta");
        var lead = await gym.CreateLeadAsync("Luis");

        gym.AdvanceDays(29);
        Assert.Equal(0, await gym.RunCheckMembersAsync());
        gym.AdvanceDays(1);
        Assert.Equal(1, await gym.RunCheckMembersAsync());
        Assert.Equal(0, await gym.RunCheckMembersAsync());
        gym.AdvanceDays(1);
        Assert.Equal(0, await gym.RunCheckMembersAsync());
        Assert.Equal([member], await gym.EnrolledAsync(winBack.Id));

        await gym.VisitAsync(member);
        await using (var db = gym.Gym.CreateDb())
        {
            await db.WorkflowEnrolments.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EnrolmentStatus.Completed).SetProperty(e => e.NextStepId, (int?)null));
        }

        gym.AdvanceDays(30);
        Assert.Equal(1, await gym.RunCheckMembersAsync());
        Assert.Equal(0, await gym.RunCheckMembersAsync());

        var recorded = await gym.EventsAsync(ClientEventTypes.MemberInactiveForDays);
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, e => Assert.Equal((member, """{"days":30}""", EventSources.Job, EventStatus.Processed), (e.ClientId, e.Data, e.Source, e.Status)));
        Assert.Equal([member, member], await gym.EnrolledAsync(winBack.Id));
        Assert.DoesNotContain(recorded, e => e.ClientId == lead);
    }

    [Fact]
    public async Task A_membership_that_expires_in_n_days_enrols_its_member_unless_they_renewed()
    {
        var renewal = await gym.AddWorkflowAsync(ClientEventTypes.MembershipExpiring, days: 7);
        var marta = await gym.CreateMemberAsync("Marta", endsInDays: 10);
        var pablo = await gym.CreateMemberAsync("Pablo", endsInDays: 10);
        await gym.AddMembershipAsync(pablo, gym.Today.AddDays(11), null);
        var lead = await gym.CreateLeadAsync("Luis");

        gym.AdvanceDays(2);
        Assert.Equal(0, await gym.RunCheckMembersAsync());
        gym.AdvanceDays(1);
        Assert.Equal(1, await gym.RunCheckMembersAsync());
        gym.AdvanceDays(1);
        Assert.Equal(0, await gym.RunCheckMembersAsync());

        Assert.Equal([marta], await gym.EnrolledAsync(renewal.Id));
        var recorded = Assert.Single(await gym.EventsAsync(ClientEventTypes.MembershipExpiring));
        Assert.Equal((marta, """{"days":7}"""), (recorded.ClientId, recorded.Data));
        Assert.DoesNotContain(lead, await gym.EnrolledAsync(renewal.Id));
    }

    [Fact]
    public async Task A_membership_that_ended_with_nothing_after_it_enrols_its_former_member_once()
    {
        var ended = await gym.AddWorkflowAsync(ClientEventTypes.MembershipEnded);
        var marta = await gym.CreateMemberAsync("Marta", endsInDays: 5);
        var pablo = await gym.CreateMemberAsync("Pablo", endsInDays: 5);
        await gym.AddMembershipAsync(pablo, gym.Today.AddDays(6), null);
        var lead = await gym.CreateLeadAsync("Luis");

        gym.AdvanceDays(5);
        Assert.Equal(0, await gym.RunCheckMembersAsync());
        gym.AdvanceDays(1);
        Assert.Equal(1, await gym.RunCheckMembersAsync());
        Assert.Equal(0, await gym.RunCheckMembersAsync());
        gym.AdvanceDays(10);
        Assert.Equal(0, await gym.RunCheckMembersAsync());

        Assert.Equal([marta], await gym.EnrolledAsync(ended.Id));
        Assert.Equal([marta], (await gym.EventsAsync(ClientEventTypes.MembershipEnded)).Select(e => e.ClientId));
        Assert.DoesNotContain(lead, await gym.EnrolledAsync(ended.Id));
    }

    [Fact]
    public async Task A_membership_that_ended_before_the_look_back_is_not_replayed()
    {
        await gym.AddWorkflowAsync(ClientEventTypes.MembershipEnded);
        var marta = await gym.CreateLeadAsync("Marta");
        await gym.AddMembershipAsync(marta, gym.Today.AddDays(-60), gym.Today.AddDays(-CheckMembersJob.EndedLookBackDays - 1));

        Assert.Equal(0, await gym.RunCheckMembersAsync());
    }

    [Fact]
    public async Task A_score_crossing_n_enrols_the_lead_once_and_never_a_member()
    {
        var hot = await gym.AddWorkflowAsync(WorkflowTriggers.ScoreReached, score: 15, policy: ReenrolmentPolicy.Always);
        var lead = await gym.CreateLeadAsync("Luis");
        var member = await gym.CreateMemberAsync("Marta");

        await gym.VisitAsync(lead);
        await gym.VisitAsync(member);
        Assert.Empty(await gym.EnrolledAsync(hot.Id));

        await gym.VisitAsync(lead);
        await gym.VisitAsync(member);
        Assert.Equal([lead], await gym.EnrolledAsync(hot.Id));

        // From 20 to 30: already past 15, not a crossing.
        await gym.VisitAsync(lead);
        Assert.Equal([lead], await gym.EnrolledAsync(hot.Id));
    }

    [Fact]
    public async Task Entering_a_stage_enrols_whoever_moves_there_and_only_there()
    {
        var hot = await gym.AddWorkflowAsync(ClientEventTypes.StageChanged, value: nameof(PipelineStage.HotLead));
        var ana = await gym.CreateLeadAsync("Ana");
        var luis = await gym.CreateLeadAsync("Luis");

        await MoveAsync(ana, PipelineStage.HotLead);
        await MoveAsync(luis, PipelineStage.Contacted);

        Assert.Equal([ana], await gym.EnrolledAsync(hot.Id));
        Assert.Contains(await gym.EventsAsync(ClientEventTypes.StageChanged), e => e.ClientId == ana && e.Data == """{"stage":"HotLead"}""");
    }

    [Fact]
    public async Task A_retention_alert_closed_as_saved_or_lost_enrols_in_the_workflow_for_that_result()
    {
        var saved = await gym.AddWorkflowAsync(ClientEventTypes.AlertClosed, value: WorkflowTriggers.Saved);
        var lost = await gym.AddWorkflowAsync(ClientEventTypes.AlertClosed, value: WorkflowTriggers.Lost);
        var renewed = await gym.CreateMemberAsync("Marta");
        var cancelled = await gym.CreateMemberAsync("Pablo");
        var contacted = await gym.CreateMemberAsync("Eva");

        await CloseAlertAsync(renewed, AlertOutcome.Renewed);
        await CloseAlertAsync(cancelled, AlertOutcome.Cancelled);
        await CloseAlertAsync(contacted, AlertOutcome.Contacted);

        Assert.Equal([renewed], await gym.EnrolledAsync(saved.Id));
        Assert.Equal([cancelled], await gym.EnrolledAsync(lost.Id));
        Assert.Equal(3, (await gym.EventsAsync(ClientEventTypes.AlertClosed)).Count);
    }

    [Fact]
    public async Task A_case_closed_as_moved_away_carries_its_outcome_and_enrols_in_the_lost_and_the_moved_away_workflows_only()
    {
        var lost = await gym.AddWorkflowAsync(ClientEventTypes.AlertClosed, value: WorkflowTriggers.Lost);
        var movedAway = await gym.AddWorkflowAsync(ClientEventTypes.AlertClosed, value: nameof(AlertOutcome.MovedAway));
        var thanks = await gym.AddWorkflowAsync(ClientEventTypes.AlertClosed, value: nameof(AlertOutcome.Renewed));
        var moved = await gym.CreateMemberAsync("Marta");
        var unreachable = await gym.CreateMemberAsync("Pablo");

        await CloseAlertAsync(moved, AlertOutcome.MovedAway);
        await CloseAlertAsync(unreachable, AlertOutcome.Unreachable);

        Assert.Equal([moved, unreachable], (await gym.EnrolledAsync(lost.Id)).Order());
        Assert.Equal([moved], await gym.EnrolledAsync(movedAway.Id));
        Assert.Empty(await gym.EnrolledAsync(thanks.Id));
        Assert.Contains(await gym.EventsAsync(ClientEventTypes.AlertClosed), e => e.ClientId == moved && e.Data == """{"outcome":"MovedAway","result":"lost"}""");
    }

    [Theory]
    [InlineData(AlertOutcome.Renewed, WorkflowTriggers.Saved)]
    [InlineData(AlertOutcome.Returned, WorkflowTriggers.Saved)]
    [InlineData(AlertOutcome.Paid, WorkflowTriggers.Saved)]
    [InlineData(AlertOutcome.Cancelled, WorkflowTriggers.Lost)]
    [InlineData(AlertOutcome.MembershipEnded, WorkflowTriggers.Lost)]
    [InlineData(AlertOutcome.Upgraded, WorkflowTriggers.Saved)]
    [InlineData(AlertOutcome.MovedAway, WorkflowTriggers.Lost)]
    [InlineData(AlertOutcome.Unreachable, WorkflowTriggers.Lost)]
    [InlineData(AlertOutcome.Contacted, null)]
    [InlineData(AlertOutcome.Other, null)]
    public void Each_alert_outcome_is_saved_lost_or_neither(AlertOutcome outcome, string? result)
    {
        Assert.Equal(result, AlertClosedInterceptor.Result(outcome));
    }

    private async Task MoveAsync(int clientId, PipelineStage stage)
    {
        await using (var db = gym.Gym.CreateDb())
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            client.Stage = stage;
            await db.SaveChangesAsync();
        }

        await gym.DrainAsync();
    }

    private async Task CloseAlertAsync(int clientId, AlertOutcome outcome)
    {
        await using (var db = gym.Gym.CreateDb())
        {
            var now = gym.Gym.Clock.UtcNow;
            var alert = new RetentionAlert { ClientId = clientId, Type = AlertType.NoAttendance, RuleName = "No attendance", Status = AlertStatus.Open, CreatedAt = now, UpdatedAt = now };
            db.RetentionAlerts.Add(alert);
            await db.SaveChangesAsync();
            AlertClosing.ResolveAutomatically(alert, outcome, now);
            await db.SaveChangesAsync();
        }

        await gym.DrainAsync();
    }
}
