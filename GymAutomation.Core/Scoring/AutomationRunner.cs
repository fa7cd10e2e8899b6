using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Live;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// Fires the automations whose threshold a score change crossed upwards, on the caller's context (inside its
/// transaction), and logs each firing. A lead that stays above a threshold does not fire it again; one that drops
/// below and climbs back does.
/// </summary>
public static class AutomationRunner
{
    private static readonly PipelineStage[] PipelineOrder =
        [PipelineStage.Lost, PipelineStage.New, PipelineStage.Contacted, PipelineStage.HotLead, PipelineStage.Trial, PipelineStage.Member];

    /// <param name="client">The lead, tracked by <paramref name="db"/>: a stage or assignment change is saved with the caller's changes.</param>
    public static async Task FireAsync(
        GymDbContext db, ActiveScoring scoring, Client client, int before, int after, long? eventId, DateTime now,
        Action<LiveChange> publish, CancellationToken cancellationToken)
    {
        foreach (var automation in scoring.Automations.Where(a => a.IsCrossedBy(before, after)))
        {
            var (outcome, detail) = automation.Action switch
            {
                AutomationAction.MoveToStage => MoveToStage(client, automation.TargetStage, now),
                AutomationAction.AssignToStaff => await AssignAsync(db, client, automation.StaffUserId, now, cancellationToken),
                AutomationAction.NotifyStaff => await NotifyAsync(db, client, automation, after, now, publish, cancellationToken),
                AutomationAction.StartWorkflow => await StartWorkflowAsync(db, client, automation.WorkflowId, eventId, now, cancellationToken),
                _ => (FiringOutcome.Skipped, null),
            };
            db.AutomationFirings.Add(new AutomationFiring
            {
                AutomationId = automation.Id,
                ClientId = client.Id,
                EventId = eventId,
                ScoreBefore = before,
                ScoreAfter = after,
                FiredAt = now,
                Action = automation.Action,
                Outcome = outcome,
                Detail = detail,
            });
            publish(new AutomationFired(now, client.Id, client.FullName, automation.Name, automation.Action, outcome, client.Stage));
        }
    }

    /// <summary>Moves the lead forward only: a lead already in trial is not sent back to Hot lead. Lost counts as before New.</summary>
    private static (FiringOutcome, string?) MoveToStage(Client client, PipelineStage? target, DateTime now)
    {
        var from = client.Stage;
        if (target is not { } stage || Array.IndexOf(PipelineOrder, from) >= Array.IndexOf(PipelineOrder, stage))
        {
            return (FiringOutcome.Skipped, from.ToString());
        }

        client.Stage = stage;
        client.UpdatedAt = now;
        return (FiringOutcome.Applied, from.ToString());
    }

    private static async Task<(FiringOutcome, string?)> AssignAsync(GymDbContext db, Client client, string? staffUserId, DateTime now, CancellationToken cancellationToken)
    {
        var staff = await ActiveStaffNameAsync(db, staffUserId, cancellationToken);
        if (staff is null || client.AssignedStaffId == staffUserId)
        {
            return (FiringOutcome.Skipped, staff);
        }

        client.AssignedStaffId = staffUserId;
        client.UpdatedAt = now;
        return (FiringOutcome.Applied, staff);
    }

    private static async Task<(FiringOutcome, string?)> NotifyAsync(
        GymDbContext db, Client client, ScoringAutomation automation, int score, DateTime now, Action<LiveChange> publish, CancellationToken cancellationToken)
    {
        var recipient = automation.StaffUserId ?? client.AssignedStaffId;
        var staff = await ActiveStaffNameAsync(db, recipient, cancellationToken);
        if (staff is null)
        {
            return (FiringOutcome.Skipped, null);
        }

        db.StaffNotifications.Add(new StaffNotification
        {
            StaffUserId = recipient!,
            ClientId = client.Id,
            AutomationId = automation.Id,
            Score = score,
            CreatedAt = now,
        });
        publish(new StaffNotified(now, recipient!, client.Id, client.FullName, score, automation.Name));
        return (FiringOutcome.Applied, staff);
    }

    /// <summary>
    /// Enrols the lead by the workflows' own rules; refused (no email, unsubscribed, already in it, paused) it is
    /// skipped. The detail is the workflow's name.
    /// </summary>
    private static async Task<(FiringOutcome, string?)> StartWorkflowAsync(
        GymDbContext db, Client client, int? workflowId, long? eventId, DateTime now, CancellationToken cancellationToken)
    {
        if (workflowId is not { } id)
        {
            return (FiringOutcome.Skipped, null);
        }

        var name = await db.EmailWorkflows.Where(w => w.Id == id).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken);
        var enrolled = await Enrolments.EnrolAsync(db, id, client.Id, now, eventId, cancellationToken);
        return (enrolled.Succeeded ? FiringOutcome.Applied : FiringOutcome.Skipped, name);
    }

    private static async Task<string?> ActiveStaffNameAsync(GymDbContext db, string? staffUserId, CancellationToken cancellationToken) =>
        staffUserId is null
            ? null
            : await db.Users.Where(u => u.Id == staffUserId && u.IsActive).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
}
