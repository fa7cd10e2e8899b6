using GymAutomation.Core.Gym;

namespace GymAutomation.Core.Workflows;

/// <summary>When a step reached at a given moment falls due.</summary>
public static class StepTiming
{
    /// <summary>
    /// A wait: its days after it was reached, then on to its weekday and time of day at the gym, if it has them (the
    /// first such moment not earlier). A wait-until: its longest wait, after which the client takes the no path.
    /// Every other step: at once.
    /// </summary>
    public static DateTime DueAt(WorkflowStep step, DateTime reachedAt, GymClock clock) => step.Kind switch
    {
        StepKind.Wait => WaitEnd(step, reachedAt.AddDays(step.WaitDays), clock),
        StepKind.WaitUntil => reachedAt.AddDays(step.WaitDays),
        _ => reachedAt,
    };

    private static DateTime WaitEnd(WorkflowStep step, DateTime afterDays, GymClock clock)
    {
        if (step.WaitWeekday is null && step.WaitTime is null)
        {
            return afterDays;
        }

        var earliest = clock.ToLocal(afterDays);
        var at = step.WaitTime is { } time ? earliest.Date + time.ToTimeSpan() : earliest;
        while (at < earliest || (step.WaitWeekday is { } weekday && at.DayOfWeek != weekday))
        {
            at = at.AddDays(1);
        }

        return clock.ToUtc(at);
    }
}
