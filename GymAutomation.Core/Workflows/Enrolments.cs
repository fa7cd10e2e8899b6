using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>The step a new enrolment starts at, and the days it lasts at least (a wait's days, a wait-until's longest wait).</summary>
public sealed record FirstStep(int Id, int WaitDays);

/// <summary>What decides whether a client may receive a workflow's emails.</summary>
public sealed record Recipient(int Id, string? Email, bool EmailOptOut);

/// <summary>
/// The one way into a workflow, for every path — a trigger, staff starting it by hand, a scoring automation. A client
/// is enrolled only in an active workflow with a live step, only when they can receive emails, and never twice while
/// an enrolment is active; the engine takes it through the first step on its next round once it is due.
/// </summary>
public sealed class Enrolments(IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
{
    /// <summary>Enrols the client by hand, on a context of its own; refused with the reason staff read.</summary>
    public async Task<SaveResult<WorkflowEnrolment>> StartAsync(int workflowId, int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = await EnrolAsync(db, workflowId, clientId, clock.UtcNow, null, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Enrolled meanwhile, by a trigger or another click: the unique index on active enrolments said no.
            return SaveResult<WorkflowEnrolment>.Invalid("", WorkflowStartText.AlreadyEnrolled);
        }

        return result;
    }

    /// <summary>
    /// Enrols one client on the caller's context (inside its transaction), saved with the caller's changes; an
    /// enrolment the context added but has not saved yet counts as active.
    /// </summary>
    public static async Task<SaveResult<WorkflowEnrolment>> EnrolAsync(
        GymDbContext db, int workflowId, int clientId, DateTime now, long? triggerEventId, CancellationToken cancellationToken)
    {
        var workflow = await db.EmailWorkflows.AsNoTracking().Where(w => w.Id == workflowId).Select(w => new { w.IsActive }).FirstOrDefaultAsync(cancellationToken);
        var first = (await FirstStepsAsync(db, [workflowId], cancellationToken)).GetValueOrDefault(workflowId);
        var client = (await RecipientsAsync(db, [clientId], cancellationToken)).GetValueOrDefault(clientId);
        var refusal = workflow is null
            ? WorkflowStartText.WorkflowNotFound
            : Refusal(workflow.IsActive, first, client)
                ?? (IsActiveIn(await ExistingAsync(db, [workflowId], [clientId], cancellationToken), workflowId, clientId) ? WorkflowStartText.AlreadyEnrolled : null);
        return refusal is null
            ? SaveResult<WorkflowEnrolment>.Ok(Add(db, workflowId, first!, clientId, now, triggerEventId))
            : SaveResult<WorkflowEnrolment>.Invalid("", refusal);
    }

    /// <summary>Why the client may not be enrolled in the workflow, or null when they may.</summary>
    public static string? Refusal(bool workflowActive, FirstStep? first, Recipient? client) => (workflowActive, first, client) switch
    {
        (_, _, null) => ValidationText.ClientNotFound,
        (false, _, _) => WorkflowStartText.WorkflowPaused,
        (_, null, _) => WorkflowStartText.NoSteps,
        (_, _, { EmailOptOut: true }) => WorkflowStartText.OptedOut,
        (_, _, { Email: null or "" }) => WorkflowStartText.NoEmail,
        _ => null,
    };

    /// <summary>The first step of each workflow that has one.</summary>
    internal static async Task<Dictionary<int, FirstStep>> FirstStepsAsync(GymDbContext db, IReadOnlyCollection<int> workflowIds, CancellationToken cancellationToken) =>
        (await db.WorkflowSteps.AsNoTracking().Where(s => workflowIds.Contains(s.WorkflowId)).LiveInOrder().ToListAsync(cancellationToken))
        .GroupBy(s => s.WorkflowId)
        .Select(g => (WorkflowId: g.Key, First: new WorkflowFlow(g).First))
        .Where(w => w.First is not null)
        .ToDictionary(w => w.WorkflowId, w => new FirstStep(w.First!.Id, w.First.Kind is StepKind.Wait or StepKind.WaitUntil ? w.First.WaitDays : 0));

    internal static async Task<Dictionary<int, Recipient>> RecipientsAsync(GymDbContext db, IReadOnlyCollection<int> clientIds, CancellationToken cancellationToken) =>
        await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
            .Select(c => new Recipient(c.Id, c.Email, c.EmailOptOut))
            .ToDictionaryAsync(c => c.Id, cancellationToken);

    /// <summary>
    /// The clients' enrolments in the workflows, tracked so that ending one is saved with the caller's changes, with
    /// those the context added and has not saved yet.
    /// </summary>
    internal static async Task<List<WorkflowEnrolment>> ExistingAsync(
        GymDbContext db, IReadOnlyCollection<int> workflowIds, IReadOnlyCollection<int> clientIds, CancellationToken cancellationToken)
    {
        await db.WorkflowEnrolments.Where(e => clientIds.Contains(e.ClientId) && workflowIds.Contains(e.WorkflowId)).LoadAsync(cancellationToken);
        return [.. db.WorkflowEnrolments.Local.Where(e => clientIds.Contains(e.ClientId) && workflowIds.Contains(e.WorkflowId))];
    }

    internal static bool IsActiveIn(IEnumerable<WorkflowEnrolment> enrolments, int workflowId, int clientId) =>
        enrolments.Any(e => e.WorkflowId == workflowId && e.ClientId == clientId && e.Status == EnrolmentStatus.Active);

    /// <summary>
    /// Adds the enrolment at its first step, due once that step's days are over (the engine adds a wait's weekday and
    /// time of day, if it has them, when it reaches that moment); the checks are the caller's.
    /// </summary>
    internal static WorkflowEnrolment Add(GymDbContext db, int workflowId, FirstStep first, int clientId, DateTime now, long? triggerEventId)
    {
        var enrolment = new WorkflowEnrolment
        {
            WorkflowId = workflowId,
            ClientId = clientId,
            NextStepId = first.Id,
            NextDueAt = now.AddDays(first.WaitDays),
            StepReachedAt = now,
            EnrolledAt = now,
            TriggerEventId = triggerEventId,
        };
        db.WorkflowEnrolments.Add(enrolment);
        return enrolment;
    }
}
