using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Live;

namespace GymAutomation.Core.Workflows;

/// <summary>A staff member was asked by a workflow to follow a client up.</summary>
public sealed record WorkflowNotified(DateTime At, string StaffUserId, int ClientId, string ClientName, string WorkflowName, string Message) : LiveChange(At);

/// <summary>
/// What an update-the-client or a notify-staff step does, on the engine's context and transaction, saved with the
/// passage that records it was done: it is done once per enrolment however often the round is retried.
/// </summary>
public sealed class StepActions(IWorkflowScores scores)
{
    /// <summary>Does the step to the enrolment's (tracked) client; returns the change to announce once committed.</summary>
    public async Task<LiveChange?> RunAsync(GymDbContext db, WorkflowEnrolment enrolment, WorkflowStep step, DateTime now, CancellationToken cancellationToken)
    {
        var client = enrolment.Client;
        switch (step.Kind, step.Update)
        {
            case (StepKind.UpdateClient, ClientUpdate.SetStage) when Enum.TryParse<PipelineStage>(step.UpdateValue, out var stage):
                client.Stage = stage;
                client.UpdatedAt = now;
                return null;
            case (StepKind.UpdateClient, ClientUpdate.AssignStaff) when !string.IsNullOrEmpty(step.UpdateValue):
                client.AssignedStaffId = step.UpdateValue;
                client.UpdatedAt = now;
                return null;
            case (StepKind.UpdateClient, ClientUpdate.AddPoints) when step.UpdatePoints is { } points:
                return await scores.AddPointsAsync(db, client.Id, points, Reason(enrolment, step), now, cancellationToken);
            case (StepKind.NotifyStaff, _) when (step.NotifyStaffUserId ?? client.AssignedStaffId) is { } staffUserId:
                var message = Reason(enrolment, step);
                db.WorkflowNotifications.Add(new WorkflowNotification
                {
                    StaffUserId = staffUserId, ClientId = client.Id, WorkflowId = enrolment.WorkflowId, StepId = step.Id,
                    EnrolmentId = enrolment.Id, Message = message, CreatedAt = now,
                });
                return new WorkflowNotified(now, staffUserId, client.Id, client.FullName, enrolment.Workflow.Name, message);
            default:
                return null;
        }
    }

    /// <summary>The step's name, or the workflow's when the step has none.</summary>
    private static string Reason(WorkflowEnrolment enrolment, WorkflowStep step) =>
        string.IsNullOrWhiteSpace(step.Name) ? enrolment.Workflow.Name : step.Name;
}
