using GymAutomation.Core.Jobs;

namespace GymAutomation.Core.Retention;

/// <summary>
/// <c>send-retention-notifications</c> (daily 08:30, after the 08:00 scan): each staff member's digest of the alerts
/// they have (and, for managers, the high-risk ones nobody has), once a day (<see cref="RetentionDigests"/>). Its items
/// are the digests sent. A digest that could not be sent fails the run, with who and why; the next run that day sends
/// it again.
/// </summary>
public sealed class SendRetentionNotificationsJob(JobRunner runner, RetentionDigests digests) : GymJob(runner)
{
    public const string JobName = "send-retention-notifications";

    public override string Name => JobName;

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var run = await digests.SendAllAsync(cancellationToken);
        if (run.Failures.Count > 0)
        {
            throw new InvalidOperationException(
                $"{run.Sent} digest(s) sent; {run.Failures.Count} could not be sent: "
                + string.Join("; ", run.Failures.Select(f => $"{f.Name} <{f.Address}>: {f.Reason}")));
        }

        return run.Sent;
    }
}
