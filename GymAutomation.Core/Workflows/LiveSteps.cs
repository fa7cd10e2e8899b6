namespace GymAutomation.Core.Workflows;

/// <summary>
/// A workflow's live steps in order: the steps not removed, by <see cref="WorkflowStep.Position"/>. The query form
/// stays translatable; use it on <c>db.Set&lt;WorkflowStep&gt;()</c>, not inside another query's lambda.
/// </summary>
public static class LiveSteps
{
    public static IQueryable<WorkflowStep> LiveInOrder(this IQueryable<WorkflowStep> steps) =>
        steps.Where(s => s.RemovedAt == null).OrderBy(s => s.Position);

    public static IEnumerable<WorkflowStep> LiveInOrder(this IEnumerable<WorkflowStep> steps) =>
        steps.Where(s => s.RemovedAt is null).OrderBy(s => s.Position);
}
