using Coravel.Invocable;

namespace GymAutomation.Core.Jobs;

/// <summary>
/// A scheduled job: Coravel invokes it on its schedule, the jobs page and the command line run it now.
/// Either way the run goes through <see cref="JobRunner"/>: leased and recorded.
/// </summary>
public abstract class GymJob(JobRunner runner) : IInvocable, ICancellableInvocable
{
    public abstract string Name { get; }

    public CancellationToken CancellationToken { get; set; }

    public Task Invoke() => RunAsync(JobRunner.ScheduleTrigger, CancellationToken);

    public Task<JobRun> RunAsync(string trigger, CancellationToken cancellationToken) =>
        runner.RunAsync(Name, trigger, ExecuteAsync, cancellationToken);

    /// <summary>Does the work that is due now and returns how many items it processed.</summary>
    protected abstract Task<int> ExecuteAsync(CancellationToken cancellationToken);
}
