using System.Diagnostics.Metrics;

namespace GymAutomation.Core.Data;

/// <summary>
/// How long this process's write transactions wait at the <see cref="SqliteWriteGate"/> and how long each holds it, as
/// a histogram on the meter <see cref="MeterName"/> (seconds, tagged <c>phase</c> — <c>waiting</c>, from asking for the
/// gate to entering it, or to going on without it; <c>holding</c>, from entering to letting the next writer in — and
/// <c>database</c>, the file). SQLite lets one writer in at a time, so under load the time held per write is what
/// bounds the writes a second. Read by the events benchmark and by any metrics collector; costs nothing while no one
/// listens.
/// </summary>
public static class WriteGatePhases
{
    public const string MeterName = "GymAutomation.Data.WriteGate";

    public const string Waiting = "waiting";
    public const string Holding = "holding";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "gym.data.write_gate.duration", "s", "Time a write transaction waited for the write gate, or held it");

    /// <summary>Records <paramref name="elapsed"/> under <paramref name="phase"/> and <paramref name="database"/>.</summary>
    internal static void Record(string phase, string database, TimeSpan elapsed)
    {
        if (Duration.Enabled)
        {
            Duration.Record(elapsed.TotalSeconds, new("phase", phase), new("database", database));
        }
    }
}
