using System.Text.Json;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Enrols clients in workflows and ends enrolments, from client events, inside the dispatcher's transaction. A
/// trigger enrols the client in every active workflow with that trigger — an <c>INACTIVE_FOR_DAYS</c> one only when
/// its days match — by the rules of <see cref="Enrolments"/> and as the workflow's re-enrolment policy allows, at most
/// one active enrolment per client and workflow. A workflow's exit event, or becoming a member when the workflow says
/// so, ends the client's active enrolments in it. A batch costs four reads whatever its size.
/// </summary>
internal sealed class EnrolmentHandler : IClientEventHandler
{
    /// <summary>After scoring, so an enrolment sees the stage the scoring automations left.</summary>
    public int Order => 200;

    public async Task HandleAsync(IReadOnlyList<ClientEvent> events, EventContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var workflows = await db.EmailWorkflows.AsNoTracking()
            .Where(w => w.IsActive)
            .Select(w => new ActiveWorkflow(w.Id, w.TriggerEvent, w.TriggerDays, w.Reenrolment, w.ExitWhenMember, w.ExitOnEvent))
            .ToListAsync(cancellationToken);
        var relevant = events.Where(e => workflows.Any(w => w.Concerns(e))).ToList();
        if (relevant.Count == 0)
        {
            return;
        }

        var clientIds = relevant.Select(e => e.ClientId).Distinct().ToList();
        var workflowIds = workflows.Select(w => w.Id).ToList();
        var firstSteps = await Enrolments.FirstStepsAsync(db, workflowIds, cancellationToken);
        var recipients = await Enrolments.RecipientsAsync(db, clientIds, cancellationToken);
        var enrolments = await Enrolments.ExistingAsync(db, workflowIds, clientIds, cancellationToken);

        foreach (var clientEvent in relevant)
        {
            foreach (var workflow in workflows)
            {
                if (workflow.Exits(clientEvent))
                {
                    End(enrolments, workflow.Id, clientEvent.ClientId, EnrolmentStatus.Exited, $"{clientEvent.Type} happened", context.Now);
                }

                var first = firstSteps.GetValueOrDefault(workflow.Id);
                if (workflow.Enrols(clientEvent)
                    && Enrolments.Refusal(true, first, recipients.GetValueOrDefault(clientEvent.ClientId)) is null
                    && MayEnrol(enrolments, workflow, clientEvent.ClientId, context.Now))
                {
                    enrolments.Add(Enrolments.Add(db, workflow.Id, first!, clientEvent.ClientId, context.Now, clientEvent.Id));
                }
            }
        }
    }

    private static bool MayEnrol(List<WorkflowEnrolment> enrolments, ActiveWorkflow workflow, int clientId, DateTime now)
    {
        var before = enrolments.Where(e => e.WorkflowId == workflow.Id && e.ClientId == clientId).ToList();
        switch (workflow.Reenrolment)
        {
            case ReenrolmentPolicy.Never:
                return before.Count == 0;
            case ReenrolmentPolicy.AfterCompletion:
                return before.All(e => e.Status != EnrolmentStatus.Active);
            default:
                End(enrolments, workflow.Id, clientId, EnrolmentStatus.Cancelled, "Enrolled again", now);
                return true;
        }
    }

    private static void End(List<WorkflowEnrolment> enrolments, int workflowId, int clientId, EnrolmentStatus status, string reason, DateTime now)
    {
        foreach (var active in enrolments.Where(e => e.WorkflowId == workflowId && e.ClientId == clientId && e.Status == EnrolmentStatus.Active))
        {
            active.Status = status;
            active.EndReason = reason;
            active.EndedAt = now;
            active.NextStepId = null;
            active.NextDueAt = null;
        }
    }

    private sealed record ActiveWorkflow(
        int Id, string TriggerEvent, int? TriggerDays, ReenrolmentPolicy Reenrolment, bool ExitWhenMember, string? ExitOnEvent)
    {
        public bool Concerns(ClientEvent e) => Enrols(e) || Exits(e);

        public bool Enrols(ClientEvent e) =>
            e.Type == TriggerEvent && (e.Type != ClientEventTypes.InactiveForDays || TriggerDays == DaysOf(e));

        public bool Exits(ClientEvent e) =>
            e.Type == ExitOnEvent || (ExitWhenMember && e.Type == ClientEventTypes.MembershipCreated);

        private static int? DaysOf(ClientEvent e)
        {
            if (e.Data is null)
            {
                return null;
            }

            using var data = JsonDocument.Parse(e.Data);
            return data.RootElement.TryGetProperty("days", out var days) && days.TryGetInt32(out var n) ? n : null;
        }
    }
}
