using GymAutomation.Core.Jobs;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Campaigns;

/// <summary>
/// <c>send-campaigns</c> (every 5 minutes): launches the campaigns that are due, then has their emails sent now by a
/// run of <c>process-email-workflows</c> — under that job's own lease, so the sending is never run twice at once —
/// rather than at its next daily run.
/// </summary>
public sealed class SendCampaignsJob(JobRunner runner, CampaignLauncher launcher, ProcessEmailWorkflowsJob sending) : GymJob(runner)
{
    public const string JobName = "send-campaigns";

    /// <summary>The trigger the sending run is recorded with.</summary>
    public const string Trigger = "campaign";

    public override string Name => JobName;

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var launched = await launcher.LaunchDueAsync(cancellationToken);
        if (launched > 0)
        {
            await sending.RunAsync(Trigger, cancellationToken);
        }

        return launched;
    }
}
