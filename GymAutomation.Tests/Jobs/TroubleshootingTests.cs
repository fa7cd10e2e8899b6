using GymAutomation.Core.Clients;
using GymAutomation.Core.Diagnostics;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Jobs;

public sealed class TroubleshootingTests : IAsyncLifetime
{
    private TestGym gym = null!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_new_gym_warns_that_nothing_sends_and_no_alert_can_appear_but_scoring_is_fine()
    {
        var report = await gym.Get<Troubleshooting>().ReadAsync();

        Assert.Equal([TroubleshootingIssue.NoActiveWorkflows, TroubleshootingIssue.WorkflowJobNeverRan], report.Workflows.Issues);
        Assert.Equal((0, 0, 0, 0, true, true), (report.Workflows.ActiveWorkflows, report.Workflows.EnrolmentsInProgress, report.Workflows.StepsDueNow, report.Workflows.SendsFailedLastDay, report.Workflows.JobEnabled, report.Workflows.InWindow));
        Assert.Null(report.Workflows.LastRun);
        Assert.True(report.Scoring.Ok);
        Assert.True(report.Scoring.ActiveRules > 0);
        Assert.Equal((0, 0, (DateTime?)null), (report.Scoring.PendingEvents, report.Scoring.ParkedEvents, report.Scoring.LastProcessedAt));
        Assert.Equal([TroubleshootingIssue.NoCurrentMembers, TroubleshootingIssue.RetentionJobNeverRan], report.Alerts.Issues);
        Assert.True(report.Alerts.ActiveRules > 0);
    }

    [Fact]
    public async Task A_working_gym_is_ok_on_all_three_with_its_figures()
    {
        var now = gym.Clock.UtcNow;
        await using (var db = gym.CreateDb())
        {
            var (ana, bea) = (Client("Ana", now), Client("Bea", now));
            var workflow = new EmailWorkflow
            {
                Name = "Welcome", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, CreatedAt = now, UpdatedAt = now,
                Steps = [new WorkflowStep { Position = 0, Name = "Hello", Subject = "Hello", Body = "<p>Hello</p>" }],
            };
            db.AddRange(ana, bea, workflow, new EmailWorkflow { Name = "Paused", TriggerEvent = ClientEventTypes.LeadCreated, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
            var step = workflow.Steps[0].Id;
            db.WorkflowEnrolments.AddRange(
                new WorkflowEnrolment { WorkflowId = workflow.Id, ClientId = ana.Id, EnrolledAt = now.AddDays(-1), NextStepId = step, NextDueAt = now.AddMinutes(-5) },
                new WorkflowEnrolment { WorkflowId = workflow.Id, ClientId = bea.Id, EnrolledAt = now.AddDays(-1), NextStepId = step, NextDueAt = now.AddDays(2) });
            db.Memberships.AddRange(
                new Membership { ClientId = ana.Id, Plan = "Monthly", StartDate = gym.Clock.Today.AddDays(-10), Status = MembershipStatus.Active, CreatedAt = now },
                new Membership { ClientId = ana.Id, Plan = "Old", StartDate = gym.Clock.Today.AddDays(-100), EndDate = gym.Clock.Today.AddDays(-50), Status = MembershipStatus.Active, CreatedAt = now },
                new Membership { ClientId = bea.Id, Plan = "Trial", StartDate = gym.Clock.Today, EndDate = gym.Clock.Today.AddDays(7), Status = MembershipStatus.Trial, CreatedAt = now });
            db.ClientEvents.AddRange(
                new ClientEvent { Type = ClientEventTypes.VisitRegistered, ClientId = ana.Id, OccurredAt = now, RecordedAt = now.AddMinutes(-2), ProcessedAt = now.AddMinutes(-2), Status = EventStatus.Processed },
                new ClientEvent { Type = ClientEventTypes.VisitRegistered, ClientId = bea.Id, OccurredAt = now, RecordedAt = now, Status = EventStatus.Pending });
            db.RetentionAlerts.Add(new RetentionAlert { ClientId = bea.Id, Type = AlertType.NoFirstVisit, RuleName = "No first visit", RiskScore = 60, CreatedAt = now, UpdatedAt = now });
            db.JobRuns.AddRange(
                Run(ProcessEmailWorkflowsJob.JobName, now.AddHours(-2), JobOutcome.Failed, 0, "SMTP down"),
                Run(ProcessEmailWorkflowsJob.JobName, now.AddHours(-1), JobOutcome.Succeeded, 12),
                Run(CheckRetentionAlertsJob.JobName, now.AddHours(-3), JobOutcome.Succeeded, 1));
            await db.SaveChangesAsync();
        }

        var report = await gym.Get<Troubleshooting>().ReadAsync();

        Assert.True(report.Workflows.Ok, string.Join(", ", report.Workflows.Issues));
        Assert.Equal((1, 2, 1), (report.Workflows.ActiveWorkflows, report.Workflows.EnrolmentsInProgress, report.Workflows.StepsDueNow));
        Assert.Equal((0, (RetryingSends?)null), (report.Workflows.UnconfirmedSends, report.Workflows.Retrying));
        Assert.Equal(new LastJobRun(now.AddHours(-1), now.AddHours(-1).AddSeconds(3), JobOutcome.Succeeded, 12, null), report.Workflows.LastRun);
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(21, 0), true), (report.Workflows.WindowStart, report.Workflows.WindowEnd, report.Workflows.InWindow));
        Assert.True(report.Scoring.Ok);
        Assert.Equal((1, 0, now.AddMinutes(-2)), (report.Scoring.PendingEvents, report.Scoring.ParkedEvents, report.Scoring.LastProcessedAt!.Value));
        Assert.True(report.Alerts.Ok, string.Join(", ", report.Alerts.Issues));
        Assert.Equal((2, 1, 1), (report.Alerts.CurrentMembers, report.Alerts.OpenAlerts, report.Alerts.LastRun!.Items));
    }

    [Fact]
    public async Task Failures_disabled_jobs_stuck_events_and_no_rules_each_turn_their_check_to_a_warning()
    {
        await using var other = await TestGym.StartAsync(new Dictionary<string, string?>
        {
            ["Jobs:Schedules:process-email-workflows:Enabled"] = "false",
            ["Jobs:Schedules:check-retention-alerts:Enabled"] = "false",
            ["Workflows:SendWindowStart"] = "11:00",
        });
        var now = other.Clock.UtcNow;
        await using (var db = other.CreateDb())
        {
            var ana = Client("Ana", now);
            db.Clients.Add(ana);
            await db.SaveChangesAsync();
            var workflow = new EmailWorkflow
            {
                Name = "Welcome", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, CreatedAt = now, UpdatedAt = now,
                Steps = [new WorkflowStep { Position = 0, Name = "Hello", Subject = "Hello", Body = "<p>Hello</p>" }],
            };
            db.EmailWorkflows.Add(workflow);
            await db.SaveChangesAsync();
            var enrolment = new WorkflowEnrolment { WorkflowId = workflow.Id, ClientId = ana.Id, EnrolledAt = now.AddDays(-1), Status = EnrolmentStatus.Failed, EndedAt = now };
            db.WorkflowEnrolments.Add(enrolment);
            await db.SaveChangesAsync();
            db.EmailSends.Add(new EmailSend
            {
                EnrolmentId = enrolment.Id, StepId = workflow.Steps[0].Id, WorkflowId = workflow.Id, ClientId = ana.Id, Status = EmailSendStatus.Failed, ClaimedAt = now.AddHours(-3),
                ToAddress = "ana@example.com", Subject = "Hello", HtmlBody = "<p>Hello</p>", TextBody = "Hello", Error = "550",
            });
            db.ClientEvents.AddRange(
                new ClientEvent { Type = ClientEventTypes.VisitRegistered, ClientId = ana.Id, OccurredAt = now, RecordedAt = now.AddMinutes(-10), Status = EventStatus.Pending },
                new ClientEvent { Type = ClientEventTypes.VisitRegistered, ClientId = ana.Id, OccurredAt = now, RecordedAt = now.AddHours(-1), Status = EventStatus.Parked, Attempts = 5 });
            db.JobRuns.AddRange(
                Run(ProcessEmailWorkflowsJob.JobName, now.AddHours(-1), JobOutcome.Failed, 0, "SMTP down"),
                Run(CheckRetentionAlertsJob.JobName, now.AddHours(-1), JobOutcome.Failed, 0, "boom"));
            await db.SaveChangesAsync();
            await db.ScoringRules.ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, false));
            await db.RetentionRules.ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, false));
        }

        var report = await other.Get<Troubleshooting>().ReadAsync();

        Assert.Equal([TroubleshootingIssue.WorkflowJobDisabled, TroubleshootingIssue.WorkflowJobFailed, TroubleshootingIssue.SendsFailed], report.Workflows.Issues);
        Assert.Equal((false, 1, "SMTP down", false), (report.Workflows.JobEnabled, report.Workflows.SendsFailedLastDay, report.Workflows.LastRun!.Error, report.Workflows.InWindow));
        Assert.Equal([TroubleshootingIssue.NoActiveScoringRules, TroubleshootingIssue.EventsParked, TroubleshootingIssue.EventsWaiting], report.Scoring.Issues);
        Assert.Equal((0, 1, 1), (report.Scoring.ActiveRules, report.Scoring.PendingEvents, report.Scoring.ParkedEvents));
        Assert.Equal(
            [TroubleshootingIssue.NoActiveRetentionRules, TroubleshootingIssue.NoCurrentMembers, TroubleshootingIssue.RetentionJobDisabled, TroubleshootingIssue.RetentionJobFailed],
            report.Alerts.Issues);
    }

    [Fact]
    public async Task Unconfirmed_sends_and_emails_waiting_for_a_retry_turn_the_sending_check_to_a_warning_with_the_last_error_and_since_when()
    {
        var now = gym.Clock.UtcNow;
        await using (var db = gym.CreateDb())
        {
            var (ana, bea, carlos) = (Client("Ana", now), Client("Bea", now), Client("Carlos", now));
            var workflow = new EmailWorkflow
            {
                Name = "Welcome", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, CreatedAt = now, UpdatedAt = now,
                Steps = [new WorkflowStep { Position = 0, Name = "Hello", Subject = "Hello", Body = "<p>Hello</p>" }],
            };
            db.AddRange(ana, bea, carlos, workflow);
            await db.SaveChangesAsync();
            var step = workflow.Steps[0].Id;
            var sends = new List<EmailSend>();
            foreach (var (client, status, claimedAt, startedAt, failure, error) in new[]
            {
                (ana, EmailSendStatus.Unconfirmed, now.AddHours(-5), now.AddHours(-5), (EmailFailure?)null, (string?)null),
                (bea, EmailSendStatus.Retrying, now.AddHours(-7), now.AddHours(-2), EmailFailure.Unreachable, "Could not connect to smtp.example.com:587: Connection refused."),
                (carlos, EmailSendStatus.Retrying, now.AddHours(-3), now.AddHours(-1), EmailFailure.Timeout, "smtp.example.com:587 did not answer within 30 seconds."),
            })
            {
                var enrolment = new WorkflowEnrolment { WorkflowId = workflow.Id, ClientId = client.Id, EnrolledAt = claimedAt, NextStepId = step };
                db.WorkflowEnrolments.Add(enrolment);
                await db.SaveChangesAsync();
                db.EmailSends.Add(new EmailSend
                {
                    EnrolmentId = enrolment.Id, StepId = step, WorkflowId = workflow.Id, ClientId = client.Id, Status = status, ClaimedAt = claimedAt,
                    AttemptStartedAt = startedAt, Attempts = 1, Failure = failure, Error = error, ToAddress = client.Email!, Subject = "Hello", HtmlBody = "<p>Hello</p>", TextBody = "Hello",
                });
            }

            db.JobRuns.Add(Run(ProcessEmailWorkflowsJob.JobName, now.AddHours(-1), JobOutcome.Succeeded, 0));
            await db.SaveChangesAsync();
        }

        var report = await gym.Get<Troubleshooting>().ReadAsync();

        Assert.Equal([TroubleshootingIssue.SendsUnconfirmed, TroubleshootingIssue.SendsRetrying], report.Workflows.Issues);
        Assert.Equal(1, report.Workflows.UnconfirmedSends);
        Assert.Equal(new RetryingSends(2, now.AddHours(-7), EmailFailure.Timeout, "smtp.example.com:587 did not answer within 30 seconds."), report.Workflows.Retrying);
    }

    private static Client Client(string name, DateTime now) =>
        new() { FirstName = name, LastName = "Test", Email = $"{name.ToLowerInvariant()}@example.com", Status = ClientStatus.Active, CreatedAt = now, UpdatedAt = now };

    private static JobRun Run(string job, DateTime at, JobOutcome outcome, int items, string? error = null) =>
        new() { JobName = job, Trigger = "schedule", StartedAt = at, FinishedAt = at.AddSeconds(3), Outcome = outcome, ItemsProcessed = items, Error = error };
}
