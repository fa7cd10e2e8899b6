using System.Diagnostics;
using System.Diagnostics.Metrics;
using GymAutomation.Core.Common;

namespace GymAutomation.Core.Retention;

/// <summary>
/// Where a retention scan's time goes, phase by phase, as a histogram on the meter <see cref="MeterName"/> (seconds,
/// tagged <c>phase</c>): <c>usual-gaps</c> (the kept usual gaps brought up to date), <c>attendance</c> (the freezes and
/// the attendance read), <c>counts</c> (each per-rule count, the former members and the member count), <c>reads</c>
/// (both read lanes, from the first read to the last), <c>open-alerts</c>, <c>matching</c> (the rules matched and the
/// alerts to open, raise and resolve worked out) and <c>writing</c> (the transaction that does it). The lanes read at
/// the same time, so <c>usual-gaps</c>, <c>attendance</c> and <c>counts</c> add up to more than <c>reads</c>. A rule
/// change's preview reads and matches the same way. Read by the retention benchmark and by any metrics collector;
/// costs nothing while no one listens.
/// </summary>
public static class ScanPhases
{
    public const string MeterName = "GymAutomation.Retention.Scan";

    public const string UsualGaps = "usual-gaps";
    public const string Attendance = "attendance";
    public const string Counts = "counts";
    public const string Reads = "reads";
    public const string OpenAlerts = "open-alerts";
    public const string Matching = "matching";
    public const string Writing = "writing";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "gym.retention.scan.phase.duration", "s", "Time spent in one phase of a retention scan");

    /// <summary>Records the time since <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>) under <paramref name="phase"/>.</summary>
    public static void Record(string phase, long startedAt) => Duration.RecordPhase(phase, startedAt);
}
