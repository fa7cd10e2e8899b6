using GymAutomation.Core.Jobs;

namespace GymAutomation.Core.Retention;

/// <summary><c>check-retention-alerts</c> (daily 08:00): the <see cref="RetentionScan"/>; its items are the alerts opened, raised and resolved.</summary>
public sealed class CheckRetentionAlertsJob(JobRunner runner, RetentionScan scan) : GymJob(runner)
{
    public const string JobName = "check-retention-alerts";

    public override string Name => JobName;

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken) => (await scan.RunAsync(cancellationToken)).Changed;
}
