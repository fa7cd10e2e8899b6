namespace GymAutomation.Core.Workflows;

public static class WorkflowKinds
{
    /// <summary>The workflows staff build and list as such: every one but the campaigns' own (<see cref="WorkflowTriggers.Campaign"/>).</summary>
    public static IQueryable<EmailWorkflow> Sequences(this IQueryable<EmailWorkflow> workflows) =>
        workflows.Where(w => w.TriggerEvent != WorkflowTriggers.Campaign);
}
