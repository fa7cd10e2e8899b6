using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GymAutomation.Core.Common;

/// <summary>Records into a histogram of phase durations (seconds, tagged <c>phase</c>), as the sending engine and the retention scan keep them.</summary>
public static class PhaseDurations
{
    /// <summary>Records the time since <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>) under <paramref name="phase"/>; nothing while no one listens.</summary>
    public static void RecordPhase(this Histogram<double> durations, string phase, long startedAt)
    {
        if (durations.Enabled)
        {
            durations.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("phase", phase));
        }
    }
}
