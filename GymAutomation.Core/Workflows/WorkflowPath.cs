namespace GymAutomation.Core.Workflows;

/// <summary>The next step that does something, and the days the waits before it add up to.</summary>
public sealed record NextStep(WorkflowStep Step, int WaitDays);

/// <summary>
/// The way a client goes through a workflow's live steps: from where they are to the next email, through the waits
/// on the way. An email already sent to this enrolment (a reordering can bring one back ahead) is passed over with
/// the waits before it: only the waits right before the next email count, as when a wait was that email's delay.
/// </summary>
public static class WorkflowPath
{
    /// <summary>The next email after <paramref name="current"/>, or null when the client is done.</summary>
    /// <remarks>
    /// After a step that is still in the workflow, "next" is later in its order; a removed step has no place in the
    /// order any more, so after one the client goes on from the start, with the first email they have not been sent.
    /// </remarks>
    public static NextStep? After(IEnumerable<WorkflowStep> steps, WorkflowStep current, Func<WorkflowStep, bool> wasSent) =>
        From(steps, current.RemovedAt is null ? current.Position : int.MinValue, wasSent);

    /// <summary>The first email of the workflow, after the waits before it; null when it has none.</summary>
    public static NextStep? First(IEnumerable<WorkflowStep> steps) => From(steps, int.MinValue, _ => false);

    private static NextStep? From(IEnumerable<WorkflowStep> steps, int afterPosition, Func<WorkflowStep, bool> wasSent)
    {
        var days = 0;
        foreach (var step in steps.LiveInOrder().Where(s => s.Position > afterPosition))
        {
            if (step.Kind == StepKind.Wait)
            {
                days += step.WaitDays;
            }
            else if (wasSent(step))
            {
                days = 0;
            }
            else
            {
                return new NextStep(step, days);
            }
        }

        return null;
    }
}
