namespace GymAutomation.Core.Workflows;

/// <summary>
/// When a step is reached along its path, counted from enrolment: on day N exactly, or after up to N days once the
/// path went through a wait whose end is not a number of days (an event, a weekday, a time of day).
/// </summary>
public readonly record struct FlowDay(int Days, bool UpTo)
{
    public static FlowDay Enrolment => new(0, false);

    /// <summary>
    /// The day once <paramref name="step"/> is over, for the step itself and the steps after it on its path: a
    /// wait-until is over any time up to its longest wait.
    /// </summary>
    public FlowDay After(StepDraft step)
    {
        if (step.Kind == StepKind.WaitUntil)
        {
            return new FlowDay(Days + Math.Max(0, step.WaitDays ?? 0), true);
        }

        if (step.Kind != StepKind.Wait)
        {
            return this;
        }

        var days = Days + Math.Max(0, step.WaitDays ?? 0);
        return step.WaitWeekday is not null ? new FlowDay(days + 6, true)
            : step.WaitTime is not null ? new FlowDay(days + 1, true)
            : this with { Days = days };
    }

    /// <summary>
    /// The day one of a branching step's paths starts on, for the step reached on this day: a question's paths at
    /// once; a wait-until's "it happened" any time up to its longest wait, and its "it did not happen" when that
    /// wait is over.
    /// </summary>
    public FlowDay StartOf(StepDraft step, StepBranch branch) => step.Kind == StepKind.WaitUntil
        ? new FlowDay(Days + Math.Max(0, step.WaitDays ?? 0), UpTo || branch == StepBranch.Yes)
        : this;
}
