using System.Diagnostics;
using System.Diagnostics.Metrics;
using GymAutomation.Core.Common;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Where a sending run's time goes, phase by phase, as a histogram on the meter <see cref="MeterName"/> (seconds, tagged
/// <c>phase</c>): <c>claim</c> (a batch of due steps claimed, rendering included), <c>render</c> (one email's
/// template), <c>load</c> (a batch's sends read back), <c>commit</c> (a group's outcomes recorded and the next group's
/// attempts started), <c>smtp</c> (a group's messages handed to the transport until the last one is answered). Read by
/// the emails benchmark and by any metrics collector; costs nothing when nobody listens.
/// </summary>
public static class SendingPhases
{
    public const string MeterName = "GymAutomation.Workflows.Sending";

    public const string Claim = "claim";
    public const string Render = "render";
    public const string Load = "load";
    public const string Commit = "commit";
    public const string Smtp = "smtp";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "gym.email.sending.phase.duration", "s", "Time spent in one phase of sending workflow emails");

    /// <summary>Records the time since <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>) under <paramref name="phase"/>.</summary>
    public static void Record(string phase, long startedAt) => Duration.RecordPhase(phase, startedAt);
}
