using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// What an if/else asks and what a wait-until waits for, as a filter on enrolments: one query for all the clients at
/// a step, whatever their number.
/// </summary>
public sealed class StepConditions(IWorkflowScores scores)
{
    /// <summary>The events a wait-until can wait for; an open or a click is of this enrolment's own emails.</summary>
    public static readonly IReadOnlyList<string> WaitEvents =
    [
        ClientEventTypes.VisitRegistered, ClientEventTypes.ClassBooked, ClientEventTypes.EmailOpened, ClientEventTypes.EmailClicked,
        ClientEventTypes.MembershipCreated, ClientEventTypes.PurchaseMade,
    ];

    /// <summary>The enrolments among <paramref name="enrolments"/> for which the step's answer is yes.</summary>
    public IQueryable<WorkflowEnrolment> Yes(GymDbContext db, IQueryable<WorkflowEnrolment> enrolments, WorkflowStep step, DateTime now) => step.Kind switch
    {
        StepKind.WaitUntil => Happened(db, enrolments, step),
        StepKind.IfElse => Holds(db, enrolments, step, now),
        _ => throw new ArgumentException($"A {step.Kind} step asks nothing.", nameof(step)),
    };

    private static IQueryable<WorkflowEnrolment> Happened(GymDbContext db, IQueryable<WorkflowEnrolment> enrolments, WorkflowStep step) => step.EventType switch
    {
        ClientEventTypes.EmailOpened => Opened(db, enrolments, step.ConditionStepId),
        ClientEventTypes.EmailClicked => Clicked(db, enrolments, step.ConditionStepId),
        var type => enrolments.Where(e => db.Set<ClientEvent>().Any(ev =>
            ev.ClientId == e.ClientId && ev.Type == type && ev.OccurredAt >= (e.StepReachedAt ?? e.EnrolledAt))),
    };

    private IQueryable<WorkflowEnrolment> Holds(GymDbContext db, IQueryable<WorkflowEnrolment> enrolments, WorkflowStep step, DateTime now)
    {
        var number = step.ConditionNumber ?? 0;
        var value = step.ConditionValue;
        return step.Condition switch
        {
            StepCondition.ScoreAtLeast => ScoringAtLeast(db, enrolments, number),
            StepCondition.StageIs when Enum.TryParse<PipelineStage>(value, out var stage) => enrolments.Where(e => e.Client.Stage == stage),
            StepCondition.IsMember => enrolments.Where(e => e.Client.Status == ClientStatus.Active),
            StepCondition.MembershipTypeIs => enrolments.Where(e => db.Set<Membership>().Any(m =>
                m.ClientId == e.ClientId && m.Plan == value && (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Trial))),
            StepCondition.VisitedWithinDays => enrolments.Where(e => db.Set<Visit>().Any(v => v.ClientId == e.ClientId && v.VisitedAt >= now.AddDays(-number))),
            StepCondition.OpenedEmail => Opened(db, enrolments, step.ConditionStepId),
            StepCondition.ClickedEmail => Clicked(db, enrolments, step.ConditionStepId),
            _ => enrolments.Where(_ => false),
        };
    }

    private IQueryable<WorkflowEnrolment> ScoringAtLeast(GymDbContext db, IQueryable<WorkflowEnrolment> enrolments, int score)
    {
        var clients = scores.ClientsScoringAtLeast(db, score);
        return enrolments.Where(e => clients.Contains(e.ClientId));
    }

    /// <summary>Opened the given email of this enrolment, or any of its emails when none is given.</summary>
    private static IQueryable<WorkflowEnrolment> Opened(GymDbContext db, IQueryable<WorkflowEnrolment> enrolments, int? stepId) =>
        enrolments.Where(e => db.Set<EmailSend>().Any(s => s.EnrolmentId == e.Id && (stepId == null || s.StepId == stepId) && s.OpenedAt != null));

    private static IQueryable<WorkflowEnrolment> Clicked(GymDbContext db, IQueryable<WorkflowEnrolment> enrolments, int? stepId) =>
        enrolments.Where(e => db.Set<EmailSend>().Any(s => s.EnrolmentId == e.Id && (stepId == null || s.StepId == stepId) && s.ClickedAt != null));
}
