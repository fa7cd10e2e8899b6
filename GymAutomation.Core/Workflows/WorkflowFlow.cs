namespace GymAutomation.Core.Workflows;

/// <summary>
/// The way clients go through a workflow's tree of steps (see <see cref="WorkflowStep"/>): along a path in order,
/// down the yes or no path of a branching step, and on after the branching step once its path ends. A removed step
/// sends its clients where it was decided when it was removed.
/// </summary>
public sealed class WorkflowFlow
{
    private readonly Dictionary<int, WorkflowStep> byId;
    private readonly ILookup<(int? ParentId, StepBranch Branch), WorkflowStep> paths;

    public WorkflowFlow(IEnumerable<WorkflowStep> steps)
    {
        byId = steps.ToDictionary(s => s.Id);
        paths = byId.Values.LiveInOrder().ToLookup(s => (s.ParentStepId, s.Branch));
    }

    public WorkflowStep Step(int id) => byId[id];

    /// <summary>The live steps of a path in order: the main path (<paramref name="parentId"/> null) or a branch.</summary>
    public IEnumerable<WorkflowStep> Path(int? parentId, StepBranch branch) => paths[(parentId, branch)];

    /// <summary>Where a new enrolment starts; null for a workflow without live steps.</summary>
    public WorkflowStep? First => Path(null, StepBranch.Main).FirstOrDefault();

    /// <summary>The step a client goes on to once past <paramref name="step"/>; null when the workflow is done for them.</summary>
    public WorkflowStep? After(WorkflowStep step)
    {
        if (step.RemovedAt is not null)
        {
            // Removed before removals recorded where their clients go: from the start of its path, where the
            // engine passes over what the client has done already.
            return step.ContinueAtStepId is { } id ? Reached(byId[id]) : Path(step.ParentStepId, step.Branch).FirstOrDefault() ?? AfterPath(step);
        }

        return Path(step.ParentStepId, step.Branch).FirstOrDefault(s => s.Position > step.Position) ?? AfterPath(step);
    }

    /// <summary>The first step down a branching step's path, or the step after it when that path is empty.</summary>
    public WorkflowStep? Into(WorkflowStep branching, StepBranch branch) =>
        branch == StepBranch.Main ? After(branching) : Path(branching.Id, branch).FirstOrDefault() ?? After(branching);

    private WorkflowStep? AfterPath(WorkflowStep step) => step.ParentStepId is { } parentId ? After(byId[parentId]) : null;

    private WorkflowStep? Reached(WorkflowStep step) => step.RemovedAt is null ? step : After(step);
}
