using GymAutomation.Core.Jobs;

namespace GymAutomation.Core.Workflows;

/// <summary><c>process-email-workflows</c> (daily 09:00 by default; may run more often): sends every workflow step that is due.</summary>
public sealed class ProcessEmailWorkflowsJob(JobRunner runner, WorkflowEngine engine) : GymJob(runner)
{
    public const string JobName = "process-email-workflows";

    public override string Name => JobName;

    protected override Task<int> ExecuteAsync(CancellationToken cancellationToken) => engine.ProcessAsync(cancellationToken);
}
