using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Enrols clients in workflows, records their goals and ends enrolments, from client events, inside the dispatcher's
/// transaction. A trigger enrols the client in every active workflow whose trigger it matches (its days, stage or
/// alert result; a score trigger when the scoring handler's ledger line for the event crossed the workflow's score) by
/// the rules of <see cref="Enrolments"/> and as the workflow's re-enrolment policy allows, at most one active enrolment
/// per client and workflow. The goal's event within the goal's days of enrolling marks the enrolment converted and
/// ends it if still active (see <see cref="WorkflowGoals"/>); a workflow's exit event, or becoming a member when the
/// workflow says so, ends it too. A batch costs four reads whatever its size, five when a workflow's goal is to renew.
/// </summary>
internal sealed class EnrolmentHandler : IClientEventHandler
{
    /// <summary>After scoring, so an enrolment sees the stage the scoring automations left and the ledger lines they wrote.</summary>
    public int Order => 200;

    public async Task HandleAsync(IReadOnlyList<ClientEvent> events, EventContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var workflows = await db.EmailWorkflows.AsNoTracking()
            .Where(w => w.IsActive)
            .Select(w => new ActiveWorkflow(w.Id, w.TriggerEvent, w.TriggerDays, w.TriggerScore, w.TriggerValue, w.Goal, w.GoalDays, w.Reenrolment, w.ExitWhenMember, w.ExitOnEvent))
            .ToListAsync(cancellationToken);
        var ledger = db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .OfType<IScoreLine>()
            .Where(l => l.EventId is not null)
            .ToLookup(l => l.EventId!.Value);
        var relevant = events.Where(e => workflows.Any(w => w.Concerns(e, ledger[e.Id]))).ToList();
        if (relevant.Count == 0)
        {
            return;
        }

        var clientIds = relevant.Select(e => e.ClientId).Distinct().ToList();
        var workflowIds = workflows.Select(w => w.Id).ToList();
        var firstSteps = await Enrolments.FirstStepsAsync(db, workflowIds, cancellationToken);
        var recipients = await Enrolments.RecipientsAsync(db, clientIds, cancellationToken);
        var enrolments = await Enrolments.ExistingAsync(db, workflowIds, clientIds, cancellationToken);
        IReadOnlySet<long> renewals = workflows.Any(w => w.Goal == WorkflowGoal.Renews)
            ? await WorkflowGoals.RenewalsAsync(db, relevant, cancellationToken)
            : new HashSet<long>();

        foreach (var clientEvent in relevant)
        {
            foreach (var workflow in workflows)
            {
                if (workflow.Goal is { } goal && WorkflowGoals.Reaches(goal, clientEvent, renewals))
                {
                    ReachGoal(enrolments, workflow, clientEvent, context.Now);
                }

                if (workflow.Exits(clientEvent))
                {
                    End(enrolments, workflow.Id, clientEvent.ClientId, EnrolmentStatus.Exited, EnrolmentEnding.ExitEvent, clientEvent.Type, context.Now);
                }

                var first = firstSteps.GetValueOrDefault(workflow.Id);
                if (workflow.Enrols(clientEvent, ledger[clientEvent.Id])
                    && Enrolments.Refusal(true, first, recipients.GetValueOrDefault(clientEvent.ClientId)) is null
                    && MayEnrol(enrolments, workflow, clientEvent.ClientId, context.Now))
                {
                    enrolments.Add(Enrolments.Add(db, workflow.Id, first!, clientEvent.ClientId, context.Now, clientEvent.Id));
                }
            }
        }
    }

    /// <summary>
    /// Marks the client's enrolments the event converts: those it came after, within the goal's days of enrolling,
    /// ended or not (reports count conversion); an active one ends.
    /// </summary>
    private static void ReachGoal(List<WorkflowEnrolment> enrolments, ActiveWorkflow workflow, ClientEvent goalEvent, DateTime now)
    {
        var converted = enrolments.Where(e => e.WorkflowId == workflow.Id && e.ClientId == goalEvent.ClientId && e.GoalReachedAt is null
            && WorkflowGoals.Counts(e, goalEvent, workflow.GoalDays ?? 0));
        foreach (var enrolment in converted)
        {
            enrolment.GoalReachedAt = goalEvent.OccurredAt;
            if (enrolment.Status == EnrolmentStatus.Active)
            {
                Finish(enrolment, EnrolmentStatus.Exited, EnrolmentEnding.GoalReached, null, now);
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
                End(enrolments, workflow.Id, clientId, EnrolmentStatus.Cancelled, EnrolmentEnding.EnrolledAgain, null, now);
                return true;
        }
    }

    private static void End(List<WorkflowEnrolment> enrolments, int workflowId, int clientId, EnrolmentStatus status, EnrolmentEnding ending, string? reason, DateTime now)
    {
        foreach (var active in enrolments.Where(e => e.WorkflowId == workflowId && e.ClientId == clientId && e.Status == EnrolmentStatus.Active))
        {
            Finish(active, status, ending, reason, now);
        }
    }

    private static void Finish(WorkflowEnrolment enrolment, EnrolmentStatus status, EnrolmentEnding ending, string? reason, DateTime now)
    {
        enrolment.Status = status;
        enrolment.Ending = ending;
        enrolment.EndReason = reason;
        enrolment.EndedAt = now;
        enrolment.NextStepId = null;
        enrolment.NextDueAt = null;
    }

    private sealed record ActiveWorkflow(
        int Id, string TriggerEvent, int? TriggerDays, int? TriggerScore, string? TriggerValue, WorkflowGoal? Goal, int? GoalDays,
        ReenrolmentPolicy Reenrolment, bool ExitWhenMember, string? ExitOnEvent)
    {
        public bool Concerns(ClientEvent e, IEnumerable<IScoreLine> ledger) =>
            Enrols(e, ledger) || Exits(e) || (Goal is { } goal && WorkflowGoals.EventTypes(goal).Contains(e.Type));

        public bool Enrols(ClientEvent e, IEnumerable<IScoreLine> ledger) => TriggerEvent == WorkflowTriggers.ScoreReached
            ? TriggerScore is { } threshold && ledger.Any(l => WorkflowTriggers.Crosses(threshold, l.Points, l.ScoreAfter))
            : WorkflowTriggers.Matches(TriggerEvent, TriggerDays, TriggerValue, e.Type, e.Data);

        public bool Exits(ClientEvent e) =>
            e.Type == ExitOnEvent || (ExitWhenMember && e.Type == ClientEventTypes.MembershipCreated);
    }
}
