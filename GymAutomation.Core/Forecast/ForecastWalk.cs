using GymAutomation.Core.Calendar;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Forecast;

/// <summary>
/// A client's way ahead through one workflow, as the engine will take it: from the step the enrolment is at, due
/// when the engine would take it. A campaign not launched yet is one of these too, at its email, due at its time.
/// </summary>
internal sealed class Journey(long enrolmentId, int clientId, EmailWorkflow workflow, WorkflowFlow flow, int? campaignId)
{
    public long EnrolmentId { get; } = enrolmentId;

    public int ClientId { get; } = clientId;

    public EmailWorkflow Workflow { get; } = workflow;

    public WorkflowFlow Flow { get; } = flow;

    public int? CampaignId { get; } = campaignId;

    public required WorkflowStep? Step { get; set; }

    public required DateTime Due { get; set; }

    public required DateTime Reached { get; set; }

    /// <summary>Whether the journey is still at the step the enrolment is at now: only there can an event already have answered a wait-until.</summary>
    public bool AtStart { get; set; } = true;

    public DateTime? FirstDue { get; set; }

    public SlotMoves Moves { get; set; }

    public ForecastQuestion? DependsOn { get; set; }
}

/// <summary>What the walk knows of the answers today: the questions answered yes, and those no answer can be known for yet.</summary>
internal sealed record ForecastAnswers(IReadOnlySet<(long EnrolmentId, int StepId)> Yes, Passages Passed);

/// <summary>
/// Plays the sending job's runs ahead over some clients' journeys, with the engine's own rules: at each run, the
/// emails due (service before promotional, then the earliest due) take the contact calendar's next slot
/// (<see cref="ContactCalendar.NextSlot"/>) — sent now when the slot is now, moved to the slot otherwise — and a
/// client goes on from a sent email at once, waits by <see cref="StepTiming.DueAt"/>, questions by what is known today.
/// </summary>
internal sealed class ForecastWalk(CalendarRules rules, GymClock clock, Func<DateTime, DateTime?> nextRun, DateTime to, ForecastAnswers answers)
{
    /// <summary>Steps one journey goes through in one run at most: the engine's own guard.</summary>
    private const int MaxHops = 200;

    private readonly List<ForecastEmail> emails = [];
    private readonly List<ForecastQuestion> questions = [];

    public IReadOnlyList<ForecastEmail> Emails => emails;

    public IReadOnlyList<ForecastQuestion> Questions => questions;

    public void Run(IReadOnlyList<Journey> journeys, Dictionary<int, List<DateTime>> taken, Func<Journey, WorkflowStep, string> subject)
    {
        var open = journeys.Where(j => j.Step is not null).ToList();
        while (open.Count > 0 && nextRun(open.Min(j => j.Due)) is { } run && run <= to)
        {
            var due = open.Where(j => j.Due <= run)
                .OrderBy(j => j.Workflow.Purpose).ThenBy(j => j.Due).ThenBy(j => j.EnrolmentId).ToList();
            foreach (var journey in due)
            {
                Walk(journey, run, Taken(taken, journey.ClientId), subject);
            }

            open.RemoveAll(j => j.Step is null);
        }
    }

    private void Walk(Journey journey, DateTime run, List<DateTime> taken, Func<Journey, WorkflowStep, string> subject)
    {
        for (var hops = 0; journey.Step is { } step && journey.Due <= run && hops < MaxHops; hops++)
        {
            if (answers.Passed.Branch(journey.EnrolmentId, step.Id) is { } passed)
            {
                MoveTo(journey, journey.Flow.Into(step, passed), run);
                continue;
            }

            switch (step.Kind)
            {
                case StepKind.Email:
                    var slot = ContactCalendar.NextSlot(run, taken, rules, clock);
                    if (slot.Moved)
                    {
                        journey.FirstDue ??= rules.Window.NextOpen(journey.Due, clock);
                        journey.Moves |= slot.Moves;
                        journey.Due = slot.At;
                        return;
                    }

                    emails.Add(new ForecastEmail(run, journey.ClientId, journey.Workflow.Id, journey.Workflow.Name, journey.CampaignId, step.Id, step.Name,
                        subject(journey, step), journey.Workflow.Purpose, journey.FirstDue ?? journey.Due, journey.Moves, journey.DependsOn));
                    if (journey.DependsOn is null)
                    {
                        taken.Add(run);
                    }

                    journey.FirstDue = null;
                    journey.Moves = SlotMoves.None;
                    MoveTo(journey, journey.Flow.After(step), run);
                    break;
                case StepKind.Wait when StepTiming.DueAt(step, journey.Reached, clock) > run:
                    journey.Due = StepTiming.DueAt(step, journey.Reached, clock);
                    return;
                case StepKind.WaitUntil or StepKind.IfElse:
                    Answer(journey, step, run);
                    break;
                default:
                    MoveTo(journey, journey.Flow.After(step), run);
                    break;
            }
        }
    }

    /// <summary>A yes known today takes the yes path; an answer that cannot be known yet is a question, and the walk goes on down the no path.</summary>
    private void Answer(Journey journey, WorkflowStep step, DateTime run)
    {
        var knownYes = answers.Yes.Contains((journey.EnrolmentId, step.Id)) && (step.Kind == StepKind.IfElse || journey.AtStart);
        var unknowable = step.Kind == StepKind.WaitUntil || step.Condition is StepCondition.OpenedEmail or StepCondition.ClickedEmail;
        if (!knownYes && unknowable && journey.DependsOn is null)
        {
            var until = step.Kind == StepKind.WaitUntil ? StepTiming.DueAt(step, journey.Reached, clock) : run;
            journey.DependsOn = Question(journey, step, until);
            questions.Add(journey.DependsOn);
        }

        if (!knownYes && step.Kind == StepKind.WaitUntil && StepTiming.DueAt(step, journey.Reached, clock) > run)
        {
            journey.Due = StepTiming.DueAt(step, journey.Reached, clock);
            return;
        }

        MoveTo(journey, journey.Flow.Into(step, knownYes ? StepBranch.Yes : StepBranch.No), run);
    }

    private static ForecastQuestion Question(Journey journey, WorkflowStep step, DateTime until) =>
        new(journey.EnrolmentId, journey.Workflow.Id, journey.Workflow.Name, step.Kind, step.EventType, step.Condition,
            step.ConditionStepId is { } id ? journey.Flow.Step(id).Name : null, until);

    private void MoveTo(Journey journey, WorkflowStep? next, DateTime run)
    {
        journey.AtStart = false;
        journey.Step = next;
        journey.Reached = run;
        if (next is not null)
        {
            journey.Due = StepTiming.DueAt(next, run, clock);
        }
    }

    private static List<DateTime> Taken(Dictionary<int, List<DateTime>> taken, int clientId) =>
        taken.TryGetValue(clientId, out var list) ? list : taken[clientId] = [];
}
