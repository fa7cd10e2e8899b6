using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// The event that reaches each goal. Becomes a member: <c>MEMBERSHIP_CREATED</c>. First visit: <c>FIRST_VISIT</c>.
/// Books a class: <c>CLASS_BOOKED</c>. Renews: <c>MEMBERSHIP_CREATED</c> for a client who had one before (the
/// dashboard's "new member" is the first). Comes back: a visit (<c>VISIT_REGISTERED</c> or <c>FIRST_VISIT</c>) after
/// enrolling — the enrolment is the moment the absence was noticed (a member's days without a visit, an alert), so
/// the workflow itself, not any alert, is what the client comes back from.
/// </summary>
public static class WorkflowGoals
{
    public static IReadOnlyList<string> EventTypes(WorkflowGoal goal) => goal switch
    {
        WorkflowGoal.BecomesMember or WorkflowGoal.Renews => [ClientEventTypes.MembershipCreated],
        WorkflowGoal.FirstVisit => [ClientEventTypes.FirstVisit],
        WorkflowGoal.BooksClass => [ClientEventTypes.ClassBooked],
        WorkflowGoal.ComesBack => [ClientEventTypes.VisitRegistered, ClientEventTypes.FirstVisit],
        _ => [],
    };

    /// <summary>Whether the event reaches the goal; <paramref name="renewals"/> are the <c>MEMBERSHIP_CREATED</c> events that renew.</summary>
    public static bool Reaches(WorkflowGoal goal, ClientEvent e, IReadOnlySet<long> renewals) =>
        EventTypes(goal).Contains(e.Type) && (goal != WorkflowGoal.Renews || renewals.Contains(e.Id));

    /// <summary>
    /// Whether the goal's event counts for the enrolment: it came after what enrolled the client (a later event than
    /// the trigger; for a start by hand, no earlier than it) and within <paramref name="goalDays"/> of enrolling.
    /// </summary>
    public static bool Counts(WorkflowEnrolment enrolment, ClientEvent goalEvent, int goalDays) =>
        (enrolment.TriggerEventId is { } trigger ? goalEvent.Id > trigger : goalEvent.OccurredAt >= enrolment.EnrolledAt)
        && goalEvent.OccurredAt <= enrolment.EnrolledAt.AddDays(goalDays);

    /// <summary>The batch's <c>MEMBERSHIP_CREATED</c> events whose client had one before: one read.</summary>
    internal static async Task<IReadOnlySet<long>> RenewalsAsync(GymDbContext db, IReadOnlyList<ClientEvent> events, CancellationToken cancellationToken)
    {
        var created = events.Where(e => e.Type == ClientEventTypes.MembershipCreated).ToList();
        if (created.Count == 0)
        {
            return new HashSet<long>();
        }

        var clientIds = created.Select(e => e.ClientId).Distinct().ToList();
        var firsts = await db.ClientEvents.AsNoTracking()
            .Where(e => clientIds.Contains(e.ClientId) && e.Type == ClientEventTypes.MembershipCreated)
            .GroupBy(e => e.ClientId)
            .Select(g => new { ClientId = g.Key, First = g.Min(e => e.Id) })
            .ToDictionaryAsync(g => g.ClientId, g => g.First, cancellationToken);
        return created.Where(e => firsts.TryGetValue(e.ClientId, out var first) && e.Id > first).Select(e => e.Id).ToHashSet();
    }
}
